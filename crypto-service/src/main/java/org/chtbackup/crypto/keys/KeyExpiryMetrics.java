package org.chtbackup.crypto.keys;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;

/**
 * {@code cht_backup_key_expiry_timestamp_seconds{role,fingerprint}}: when each key crypto encrypts to
 * ({@code role="recipient"}, the encryption subkeys) or signs with ({@code role="signing"}) expires, in epoch
 * seconds; {@code +Inf} for a key that never expires. An expired recipient key makes every new object unreadable
 * to its holder's tools, so the alert rules warn weeks before (infra/prometheus).
 */
public final class KeyExpiryMetrics {

    private KeyExpiryMetrics() {
    }

    public static void register(MeterRegistry registry, List<PGPPublicKeyRing> recipients, PGPPublicKey signer) {
        for (PGPPublicKeyRing ring : recipients) {
            for (PGPPublicKey key : KeyRing.encryptionKeys(ring)) {
                gauge(registry, "recipient", key);
            }
        }
        gauge(registry, "signing", signer);
    }

    /** Epoch seconds the key stops being valid, or +Inf when it has no expiry. */
    public static double expiry(PGPPublicKey key) {
        long valid = key.getValidSeconds();
        return valid <= 0 ? Double.POSITIVE_INFINITY : key.getCreationTime().toInstant().getEpochSecond() + valid;
    }

    private static void gauge(MeterRegistry registry, String role, PGPPublicKey key) {
        double expiry = expiry(key);
        Gauge.builder("cht.backup.key.expiry.timestamp.seconds", () -> expiry)
                .description("when this key expires (epoch s; +Inf: never)")
                .tags("role", role, "fingerprint", KeyRing.fingerprint(key)).register(registry);
    }
}
