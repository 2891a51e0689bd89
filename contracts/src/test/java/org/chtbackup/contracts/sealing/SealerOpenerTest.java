package org.chtbackup.contracts.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
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

        assertThat(sealed[0]).isEqualTo((byte) 4);
        assertThat(sealed).hasSize(1 + 32 + PAYLOAD.length + 32);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("patient record");
    }

    /** The package docs are enough to open a payload: HPKE export, HMAC-SHA256 over the documented input, AES-CTR. */
    @Test
    void version4OpensByItsDocumentationAlone() throws Exception {
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");
        byte[] sealed = sealer.seal(PAYLOAD, aad);
        int n = sealed.length - 33 - 32;

        HPKE hpke = new HPKE(HPKE.mode_auth, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_EXPORT_ONLY);
        byte[] keys = hpke.setupAuthR(Arrays.copyOfRange(sealed, 1, 33),
                        hpke.deserializePrivateKey(KEYS.privateKey(), KEYS.publicKey()),
                        "cht-backup sealed payload v4".getBytes(StandardCharsets.US_ASCII),
                        hpke.deserializePublicKey(SENDER_PUBLIC))
                .export("cht-backup payload keys v4".getBytes(StandardCharsets.US_ASCII), 64);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
        hmac.update(aad);
        hmac.update(sealed, 33, n);
        hmac.update(ByteBuffer.allocate(8).putLong(aad.length * 8L).array());
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys, 0, 32, "AES"), new IvParameterSpec(new byte[16]));

        assertThat(hmac.doFinal()).isEqualTo(Arrays.copyOfRange(sealed, 33 + n, sealed.length));
        assertThat(ctr.doFinal(sealed, 33, n)).isEqualTo(PAYLOAD);
    }

    /** A collector not yet upgraded seals version 3 (ChaCha20-Poly1305); the crypto service still opens it. */
    @Test
    void version3FromACollectorNotYetUpgradedStillOpens() throws Exception {
        byte[] aad = aad("clinic-7", "snap-1", "obj-1");
        byte[] big = new byte[300_000];
        new Random(3).nextBytes(big);

        byte[] sealed = sealVersion3(big, aad, SENDER);

        assertThat(sealed[0]).isEqualTo((byte) 3);
        assertThat(opener.open(sealed, aad, SENDER_PUBLIC)).isEqualTo(big);
        byte[] tampered = sealed.clone();
        tampered[100] ^= 1;
        assertThatThrownBy(() -> opener.open(tampered, aad, SENDER_PUBLIC))
                .isInstanceOf(SealedPayloadException.class).hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> opener.open(sealed, aad, SealingKeys.generate().publicKey()))
                .isInstanceOf(SealedPayloadException.class).hasMessageContaining("not sealed by sender key");
    }

    /** What the collectors of the previous build sent, written here from its documentation (package docs). */
    private static byte[] sealVersion3(byte[] payload, byte[] aad, SealingKeys sender) throws Exception {
        HPKE hpke = new HPKE(HPKE.mode_auth, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256,
                HPKE.aead_CHACHA20_POLY1305);
        HPKEContextWithEncapsulation context = hpke.setupAuthS(hpke.deserializePublicKey(KEYS.publicKey()),
                "cht-backup sealed payload v3".getBytes(StandardCharsets.US_ASCII),
                hpke.deserializePrivateKey(sender.privateKey(), sender.publicKey()));
        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(context.export(
                "cht-backup payload key".getBytes(StandardCharsets.US_ASCII), 32), "ChaCha20"),
                new IvParameterSpec(new byte[12]));
        chacha.updateAAD(aad);
        byte[] ciphertext = chacha.doFinal(payload);
        byte[] sealed = new byte[33 + ciphertext.length];
        sealed[0] = 3;
        System.arraycopy(context.getEncapsulation(), 0, sealed, 1, 32);
        System.arraycopy(ciphertext, 0, sealed, 33, ciphertext.length);
        return sealed;
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
        for (int length : new int[] {0, 1, 33, 48, 33 + 31, sealed.length - 1}) {
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
