package org.chtbackup.contracts.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chtbackup.contracts.openpgp.TestKeys.ESCROW;
import static org.chtbackup.contracts.openpgp.TestKeys.OPS;
import static org.chtbackup.contracts.openpgp.TestKeys.decryptorFor;
import static org.chtbackup.contracts.openpgp.TestKeys.encryptorTo;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bouncycastle.bcpg.PacketTags;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way an object can be damaged or forged ends in ObjectAuthenticationException, streamed or held whole. */
class TamperingTest {

    /** Short, so the exhaustive bit-flip test stays quick: objects are not compressed, so they grow with it. */
    private static final byte[] PLAINTEXT = Arrays.copyOf(ObjectRoundTripTest.DOC, 300);

    @ParameterizedTest
    @EnumSource(Reading.class)
    void everyTruncationIsRefused(Reading reading) {
        byte[] object = encryptorTo(OPS).encrypt(PLAINTEXT, "chunk-ab12");
        ObjectDecryptor decryptor = decryptorFor(OPS);
        for (int length = 0; length < object.length; length++) {
            byte[] truncated = Arrays.copyOf(object, length);

            assertThatThrownBy(() -> reading.decrypt(decryptor, truncated))
                    .as("truncated to %d of %d bytes", length, object.length)
                    .isInstanceOf(ObjectAuthenticationException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void flippedBitsAtSeveralPositionsAreRefused(Reading reading) {
        byte[] object = encryptorTo(OPS).encrypt(PLAINTEXT, "chunk-ab12");
        ObjectDecryptor decryptor = decryptorFor(OPS);
        int n = object.length;
        for (int position : new int[] {0, 1, 5, 11, 20, n / 3, n / 2, n - 30, n - 22, n - 2, n - 1}) {
            byte[] tampered = object.clone();
            tampered[position] ^= 0x01;

            assertThatThrownBy(() -> reading.decrypt(decryptor, tampered))
                    .as("flip at %d of %d", position, n)
                    .isInstanceOf(ObjectAuthenticationException.class)
                    .hasMessageNotContaining("Jane Doe");
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void noFlippedBitAnywhereChangesWhatIsAccepted(Reading reading) {
        // Exhaustive: every bit flip either fails, or lands on one of the few bits OpenPGP leaves
        // malleable in the session key packet (an MPI's bit count, the ignored top bit of an X25519
        // point) and then yields the original, authentic plaintext. Content never changes unnoticed.
        byte[] object = encryptorTo(OPS).encrypt(PLAINTEXT, "chunk-ab12");
        ObjectDecryptor decryptor = decryptorFor(OPS);
        int sessionKeyPacketEnd = firstPacketEnd(object);
        List<String> benign = new ArrayList<>();
        for (int position = 0; position < object.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = object.clone();
                tampered[position] ^= (byte) (1 << bit);
                byte[] accepted;
                try {
                    accepted = reading.decrypt(decryptor, tampered);
                } catch (ObjectAuthenticationException expected) {
                    continue;
                }
                assertThat(accepted).as("flip at %d bit %d", position, bit).isEqualTo(PLAINTEXT);
                assertThat(position).as("accepted flip outside the session key packet").isLessThan(sessionKeyPacketEnd);
                benign.add(position + ":" + bit);
            }
        }
        assertThat(benign).as("malleable bits").hasSizeLessThanOrEqualTo(8);
    }

    /** End of the first packet (the session key packet); handles the header forms BC writes for it. */
    private static int firstPacketEnd(byte[] object) {
        int tag = object[0] & 0xFF;
        if ((tag & 0x40) != 0) {
            int first = object[1] & 0xFF;
            assertThat(first).as("one-octet length").isLessThan(192);
            return 2 + first;
        }
        return switch (tag & 0x03) {
            case 0 -> 2 + (object[1] & 0xFF);
            case 1 -> 3 + (((object[1] & 0xFF) << 8) | (object[2] & 0xFF));
            default -> throw new AssertionError("unexpected header " + tag);
        };
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void damagedOrCutSegmentFramingOfAPackSizedObjectIsRefused(Reading reading) throws Exception {
        // A pack's encrypted data (and the literal data inside it) comes in 64 KiB partial-length segments, which the
        // held reading joins in place: a damaged length octet or a cut at a segment must be refused like any damage.
        byte[] plaintext = new byte[300_000];
        new Random(5).nextBytes(plaintext);
        byte[] object = encryptorTo(OPS).encrypt(plaintext, "pack-1");
        ObjectDecryptor decryptor = decryptorFor(OPS);
        List<Integer> lengthOctets = segmentLengthOctets(object);

        assertThat(reading.decrypt(decryptor, object)).isEqualTo(plaintext);
        assertThat(lengthOctets).as("the encrypted data's segments").hasSizeGreaterThan(4);
        for (int at : lengthOctets) {
            for (int bit : new int[] {0x01, 0x02, 0x20, 0x80}) {
                byte[] damaged = object.clone();
                damaged[at] ^= (byte) bit;

                assertThatThrownBy(() -> reading.decrypt(decryptor, damaged))
                        .as("length octet at %d ^ 0x%x", at, bit)
                        .isInstanceOf(ObjectAuthenticationException.class);
            }
            for (int cut : new int[] {at, at + 1, at + 2}) {
                assertThatThrownBy(() -> reading.decrypt(decryptor, Arrays.copyOf(object, cut)))
                        .as("cut at %d", cut)
                        .isInstanceOf(ObjectAuthenticationException.class);
            }
        }
    }

    /** Where the last length octet of each of the encrypted data's segments lies in {@code object}. */
    private static List<Integer> segmentLengthOctets(byte[] object) throws HeldPacket.Unframed {
        HeldPacket packet = HeldPacket.read(object, 0, object.length);
        while (packet.tag() != PacketTags.SYM_ENC_INTEGRITY_PRO) { // after the session key packets
            packet = HeldPacket.read(object, packet.end(), object.length);
        }
        List<Integer> octets = new ArrayList<>();
        for (int i = 0; i < packet.count(); i++) {
            octets.add(packet.starts()[i] - 1);
        }
        return octets;
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void trailingGarbageIsRefused(Reading reading) {
        byte[] object = encryptorTo(OPS).encrypt(PLAINTEXT, "chunk-ab12");
        byte[] longer = Arrays.copyOf(object, object.length + 1);

        assertThatThrownBy(() -> reading.decrypt(decryptorFor(OPS), longer)).isInstanceOf(ObjectAuthenticationException.class);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void damagedPacketForOneRecipientStillOpensForTheOther(Reading reading) {
        // Both keys held by one reader: a damaged session key packet for ops falls back to escrow's.
        byte[] object = encryptorTo(OPS, ESCROW).encrypt(PLAINTEXT, "chunk-ab12");
        byte[] tampered = object.clone();
        tampered[30] ^= 0x01; // inside the first recipient's ephemeral key
        List<org.bouncycastle.openpgp.PGPPrivateKey> both = new ArrayList<>(TestKeys.decryptionKeys(OPS));
        both.addAll(TestKeys.decryptionKeys(ESCROW));
        ObjectDecryptor decryptor = new ObjectDecryptor(both, KeyRing.signingKeys(TestKeys.pub(TestKeys.SIGNER)));

        assertThat(reading.decrypt(decryptor, tampered)).isEqualTo(PLAINTEXT);
        assertThatThrownBy(() -> reading.decrypt(decryptorFor(OPS), tampered)).isInstanceOf(ObjectAuthenticationException.class);
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void sessionKeyPacketOfAnotherObjectIsRefusedWithItsCauseNamed(Reading reading) throws Exception {
        // ops' session key packet taken from another object decrypts, to the wrong session key, and the object's data
        // to garbage. Streamed, the packet parser used to report that garbage ("found EncryptedDataList packet").
        byte[] object = encryptorTo(OPS).encrypt(PLAINTEXT, "chunk-ab12");
        byte[] other = encryptorTo(OPS).encrypt(PLAINTEXT, "chunk-ab12");
        int keyPacketEnd = HeldPacket.read(object, 0, object.length).end();
        int othersKeyPacketEnd = HeldPacket.read(other, 0, other.length).end();
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(other, 0, othersKeyPacketEnd);
        spliced.write(object, keyPacketEnd, object.length - keyPacketEnd);

        assertThatThrownBy(() -> reading.decrypt(decryptorFor(OPS), spliced.toByteArray()))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageMatching(reading == Reading.STREAMED
                        ? "integrity check \\(MDC\\) failed: the object was modified"
                        : "object's session key does not decrypt with the matching configured key: .*");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void objectSignedByUnknownKeyIsRefused(Reading reading) {
        byte[] object = Forger.signedBy(TestKeys.OTHER_SIGNER, PLAINTEXT, PLAINTEXT);

        assertThatThrownBy(() -> reading.decrypt(decryptorFor(OPS), object))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("not a trusted signer");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void unsignedObjectIsRefused(Reading reading) {
        byte[] object = Forger.unsigned(PLAINTEXT);

        assertThatThrownBy(() -> reading.decrypt(decryptorFor(OPS), object))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("not signed");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void trustedSignatureOverOtherContentIsRefused(Reading reading) {
        // Anyone with the public keys can make a valid MDC; only the signature proves the writer.
        byte[] forged = PLAINTEXT.clone();
        forged[10] = 'X';
        byte[] object = Forger.signedBy(TestKeys.SIGNER, PLAINTEXT, forged);

        assertThatThrownBy(() -> reading.decrypt(decryptorFor(OPS), object))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("does not match the content");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void objectWithoutMdcIsRefused(Reading reading) {
        byte[] object = Forger.withoutIntegrityProtection(PLAINTEXT);

        assertThatThrownBy(() -> reading.decrypt(decryptorFor(OPS), object))
                .isInstanceOf(ObjectAuthenticationException.class)
                .hasMessageContaining("no integrity protection");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void garbageIsRefused(Reading reading) {
        assertThatThrownBy(() -> reading.decrypt(decryptorFor(OPS), "hello, not OpenPGP".getBytes()))
                .isInstanceOf(ObjectAuthenticationException.class);
    }
}
