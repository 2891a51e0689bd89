package org.chtbackup.contracts.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SealerOpenerTest {

    private static final SealingKeys KEYS = SealingKeys.generate();
    private static final byte[] PAYLOAD = "{\"chunk\":\"ab12\",\"data\":\"patient record\"}".getBytes(StandardCharsets.UTF_8);

    /** The deployment's own sender key pair: crypto registers the public half. */
    private static final SealingKeys SENDER = SealingKeys.generate();
    private static final byte[] SENDER_PUBLIC = SENDER.publicKey();

    private final Sealer sealer = new Sealer(KEYS.publicKey(), SENDER.privateKey());
    private final Opener opener = new Opener(KEYS.privateKey());

    @Test
    void roundTripRestoresPayload() {
        byte[] sealed = sealer.seal(PAYLOAD, aad("clinic-7", "snap-1", "obj-1"));

        assertThat(opener.open(sealed, aad("clinic-7", "snap-1", "obj-1"), SENDER_PUBLIC)).isEqualTo(PAYLOAD);
    }

    @Test
    void sealedFormatIsVersionThenEncThenCiphertextAndTag() {
        byte[] sealed = sealer.seal(PAYLOAD, aad("clinic-7", "snap-1", "obj-1"));

        assertThat(sealed[0]).isEqualTo((byte) 3);
        assertThat(sealed).hasSize(1 + 32 + PAYLOAD.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("patient record");
    }

    @Test
    void aSliceOfABufferSealsAsThatSliceAlone() {
        byte[] buffer = new byte[PAYLOAD.length + 20];
        System.arraycopy(PAYLOAD, 0, buffer, 7, PAYLOAD.length);
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");

        assertThat(opener.open(sealer.seal(buffer, 7, PAYLOAD.length, aad), aad, SENDER_PUBLIC)).isEqualTo(PAYLOAD);
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");

        assertThat(sealer.seal(PAYLOAD, aad)).isNotEqualTo(sealer.seal(PAYLOAD, aad));
    }

    @Test
    void emptyPayloadAndEmptyAadRoundTrip() {
        assertThat(opener.open(sealer.seal(new byte[0], null), new byte[0], SENDER_PUBLIC)).isEmpty();
    }

    @Test
    void mebibytePayloadRoundTrips() {
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        byte[] aad = aad("clinic-7", "snap-1", "obj-2");

        assertThat(opener.open(sealer.seal(big, aad), aad, SENDER_PUBLIC)).isEqualTo(big);
    }

    @Test
    void flippedByteAnywhereFailsToOpen() {
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");
        byte[] sealed = sealer.seal(PAYLOAD, aad);
        for (int position : new int[] {0, 1, 20, 33, 40, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[position] ^= 0x01;

            assertThatThrownBy(() -> opener.open(tampered, aad, SENDER_PUBLIC))
                    .as("flip at %d", position)
                    .isInstanceOf(SealedPayloadException.class);
        }
    }

    @Test
    void payloadReplayedToAnotherDeploymentFailsToOpen() {
        byte[] sealed = sealer.seal(PAYLOAD, aad("clinic-7", "snap-1", "obj-1"));

        assertThatThrownBy(() -> opener.open(sealed, aad("clinic-8", "snap-1", "obj-1"), SENDER_PUBLIC))
                .isInstanceOf(SealedPayloadException.class)
                .hasMessageContaining("AAD");
    }

    @Test
    void payloadSealedToAnotherKeyFailsToOpen() {
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");
        byte[] sealed = new Sealer(SealingKeys.generate().publicKey(), SENDER.privateKey()).seal(PAYLOAD, aad);

        assertThatThrownBy(() -> opener.open(sealed, aad, SENDER_PUBLIC))
                .isInstanceOf(SealedPayloadException.class)
                .hasMessageContaining(KEYS.fingerprint());
    }

    @Test
    void payloadSealedByAnotherSenderFailsToOpenUnderTheRegisteredKey() {
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");
        SealingKeys otherHost = SealingKeys.generate();
        // Another host knows the crypto service's public key (every host does) and claims clinic-7's identity.
        byte[] forged = new Sealer(KEYS.publicKey(), otherHost.privateKey()).seal(PAYLOAD, aad);

        assertThatThrownBy(() -> opener.open(forged, aad, SENDER_PUBLIC))
                .isInstanceOf(SealedPayloadException.class)
                .hasMessageContaining("not sealed by sender key " + SENDER.fingerprint());
        assertThat(opener.open(forged, aad, otherHost.publicKey())).as("it is a good payload of the other host")
                .isEqualTo(PAYLOAD);
    }

    @Test
    void truncatedPayloadFailsToOpen() {
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");
        byte[] sealed = sealer.seal(PAYLOAD, aad);
        for (int length : new int[] {0, 1, 33, 48, sealed.length - 1}) {
            byte[] truncated = Arrays.copyOf(sealed, length);

            assertThatThrownBy(() -> opener.open(truncated, aad, SENDER_PUBLIC))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(SealedPayloadException.class);
        }
    }

    @Test
    void unknownVersionIsNamed() {
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");
        byte[] sealed = sealer.seal(PAYLOAD, aad);
        sealed[0] = 9;
        assertThatThrownBy(() -> opener.open(sealed, aad, SENDER_PUBLIC))
                .isInstanceOf(SealedPayloadException.class)
                .hasMessageContaining("unknown version 9");
        sealed[0] = 2;
        assertThatThrownBy(() -> opener.open(sealed, aad, SENDER_PUBLIC))
                .isInstanceOf(SealedPayloadException.class)
                .hasMessageContaining("older than this crypto service");
    }

    @Test
    void lowOrderRecipientKeyIsRefusedWhenSealing() {
        Sealer bad = new Sealer(new byte[32], SENDER.privateKey());

        assertThatThrownBy(() -> bad.seal(PAYLOAD, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptionMessagesNeverContainPayloadOrKeys() {
        byte[] sealed = sealer.seal(PAYLOAD, aad("clinic-7", "snap-1", "obj-1"));

        assertThatThrownBy(() -> opener.open(sealed, aad("x", "y", "z"), SENDER_PUBLIC))
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("patient")
                        .doesNotContain(SealingKeys.encode(KEYS.privateKey()))
                        .doesNotContain(SealingKeys.encode(KEYS.publicKey()))
                        .doesNotContain(SealingKeys.encode(SENDER.privateKey())));
    }

    /** How callers are expected to build the AAD: context ids, length-prefixed so none can run into another. */
    private static byte[] aad(String deploymentId, String snapshotId, String objectId) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {deploymentId, snapshotId, objectId}) {
            text.append(part.length()).append(':').append(part);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
