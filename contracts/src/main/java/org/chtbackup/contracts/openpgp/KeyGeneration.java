package org.chtbackup.contracts.openpgp;

import java.security.SecureRandom;
import java.util.Date;

import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PGPKeyPairGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/**
 * Builds v4 key rings with legacy EdDSA (Ed25519) signing and legacy ECDH (Curve25519) encryption:
 * the "future-default" algorithms of gpg 2.2, which does not understand the RFC 9580 v6 forms.
 */
final class KeyGeneration {

    /**
     * S2K iteration count byte for passphrase protection: 0xE0 hashes 16 MiB, about what gpg 2.2
     * calibrates to, so unlocking costs tens of milliseconds once per process start.
     */
    private static final int S2K_COUNT = 0xE0;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyGeneration() {
    }

    /** Ed25519 primary key that certifies and signs, plus a Curve25519 encryption subkey. */
    static PGPSecretKeyRing recipient(String userId, char[] passphrase) {
        try {
            PGPKeyPairGenerator generator = generator();
            PGPKeyRingGenerator rings = ringGenerator(generator.generateLegacyEd25519KeyPair(), userId, passphrase);
            rings.addSubKey(generator.generateLegacyX25519KeyPair(), encryptionSubkeyPackets(), null);
            return rings.generateSecretKeyRing();
        } catch (PGPException e) {
            throw new IllegalStateException("generating recipient key for '" + userId + "' failed", e);
        }
    }

    /** Ed25519 primary key that certifies and signs, with no encryption subkey. */
    static PGPSecretKeyRing signer(String userId, char[] passphrase) {
        try {
            return ringGenerator(generator().generateLegacyEd25519KeyPair(), userId, passphrase).generateSecretKeyRing();
        } catch (PGPException e) {
            throw new IllegalStateException("generating signing key for '" + userId + "' failed", e);
        }
    }

    private static PGPKeyPairGenerator generator() {
        // Key and signature creation times have one-second resolution; drop the milliseconds so a
        // binding signature made in the same second is never "older than the key" for gpg.
        Date now = new Date((System.currentTimeMillis() / 1000) * 1000);
        return new BcPGPKeyPairGeneratorProvider().setSecureRandom(RANDOM).get(PublicKeyPacket.VERSION_4, now);
    }

    private static PGPKeyRingGenerator ringGenerator(PGPKeyPair primary, String userId, char[] passphrase)
            throws PGPException {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("user id is required, e.g. 'CHT backup ops <ops@example.org>'");
        }
        PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
        return new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId, sha1,
                primaryKeyPackets(), null,
                new BcPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                protector(passphrase));
    }

    private static PGPSignatureSubpacketVector primaryKeyPackets() {
        PGPSignatureSubpacketGenerator packets = new PGPSignatureSubpacketGenerator();
        packets.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        // Preferences steer what gpg uses when an operator encrypts to this key by hand.
        packets.setPreferredSymmetricAlgorithms(false,
                new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
        packets.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA512});
        packets.setPreferredCompressionAlgorithms(false,
                new int[] {CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.ZIP});
        packets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
        return packets.generate();
    }

    private static PGPSignatureSubpacketVector encryptionSubkeyPackets() {
        PGPSignatureSubpacketGenerator packets = new PGPSignatureSubpacketGenerator();
        packets.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        return packets.generate();
    }

    private static PBESecretKeyEncryptor protector(char[] passphrase) throws PGPException {
        if (passphrase == null || passphrase.length == 0) {
            return null;
        }
        return new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256), S2K_COUNT)
                .setSecureRandom(RANDOM)
                .build(passphrase);
    }
}
