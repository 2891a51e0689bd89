package org.chtbackup.contracts.openpgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;

import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Writes one stored object: an OpenPGP message holding the plaintext ZLIB-compressed, signed with a
 * one-pass SHA-256 signature, and encrypted with AES-256 and an MDC to every recipient key.
 *
 * <p>The output is binary (not armored) and readable by stock gpg 2.2:
 * {@code gpg --decrypt object > plaintext}. It streams through buffers of {@value #BUFFER_SIZE}
 * bytes, so objects of any size cost the same memory. Encryption is randomised: the same plaintext
 * gives different bytes each time, which is why objects are named by chunk id, not by their hash.
 *
 * <p>Thread-safe: each call builds its own OpenPGP generators.
 */
public final class ObjectEncryptor {

    static final int BUFFER_SIZE = 1 << 16;

    /**
     * Deflate level 1: the fastest level still halves CouchDB files, and the crypto service is
     * CPU-bound on it; higher levels buy a few percent for several times the CPU.
     */
    static final int COMPRESSION_LEVEL = 1;

    /** OpenPGP's literal packet stores the name with a one-byte length. */
    private static final int MAX_NAME_BYTES = 255;

    private final List<PGPPublicKey> recipients;
    private final PGPPrivateKey signingKey;
    private final PGPPublicKey signingPublicKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param recipients encryption (sub)keys, for example {@link KeyRing#encryptionKeys} of the ops
     *                   and escrow keys; every object is readable by each of them alone
     * @param signingKey the crypto service's unlocked signing key ({@link KeyRing#unlockSigningKey})
     */
    public ObjectEncryptor(List<PGPPublicKey> recipients, PGPPrivateKey signingKey) {
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient encryption key is required");
        }
        for (PGPPublicKey key : recipients) {
            if (!key.isEncryptionKey()) {
                throw new IllegalArgumentException("recipient key " + KeyRing.fingerprint(key)
                        + " cannot encrypt; pass its encryption subkey (KeyRing.encryptionKeys)");
            }
        }
        if (signingKey == null || !KeyCapabilities.isSigningAlgorithm(signingKey.getPublicKeyPacket().getAlgorithm())) {
            throw new IllegalArgumentException("an unlocked signing key is required (KeyRing.unlockSigningKey)");
        }
        this.recipients = List.copyOf(recipients);
        this.signingKey = signingKey;
        this.signingPublicKey = publicKeyOf(signingKey);
    }

    /**
     * @param signingKey the crypto service's secret signing key
     * @param passphrase its passphrase; {@code null} or empty when unprotected
     */
    public ObjectEncryptor(List<PGPPublicKey> recipients, PGPSecretKey signingKey, char[] passphrase) {
        this(recipients, KeyRing.unlock(signingKey, passphrase));
    }

    /**
     * Encrypts and signs {@code plaintext} into {@code out}. Neither stream is closed.
     *
     * @param name stored, encrypted, as the literal file name gpg offers on decryption (e.g. the
     *             chunk id); at most 255 UTF-8 bytes
     * @throws IOException when reading {@code plaintext} or writing {@code out} fails; what was
     *                     written is then not a valid object
     */
    public void encrypt(InputStream plaintext, OutputStream out, String name) throws IOException {
        byte[] nameBytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("object name is " + nameBytes.length + " bytes; at most "
                    + MAX_NAME_BYTES + " fit in an OpenPGP literal packet");
        }
        try {
            PGPEncryptedDataGenerator encryption = encryptionGenerator();
            OutputStream encrypted = encryption.open(out, new byte[BUFFER_SIZE]);
            PGPCompressedDataGenerator compression =
                    new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZLIB, COMPRESSION_LEVEL);
            OutputStream compressed = compression.open(encrypted, new byte[BUFFER_SIZE]);

            PGPSignatureGenerator signature = signatureGenerator();
            signature.generateOnePassVersion(false).encode(compressed);

            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            // Modification time 0: the file's own time is in the manifest, not leaked here.
            OutputStream literalOut = literal.open(compressed, PGPLiteralData.BINARY, name == null ? "" : name,
                    PGPLiteralData.NOW, new byte[BUFFER_SIZE]);
            byte[] buffer = new byte[BUFFER_SIZE];
            int read;
            while ((read = plaintext.read(buffer)) >= 0) {
                literalOut.write(buffer, 0, read);
                signature.update(buffer, 0, read);
            }
            literal.close();
            signature.generate().encode(compressed);
            compression.close();
            encryption.close();
        } catch (PGPException e) {
            throw new IllegalStateException("OpenPGP encryption of object '" + name + "' failed", e);
        }
    }

    /** {@link #encrypt(InputStream, OutputStream, String)} for data already in memory. */
    public byte[] encrypt(byte[] plaintext, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length / 2 + 1024);
        try {
            encrypt(new ByteArrayInputStream(plaintext), out, name);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory encryption failed", e);
        }
        return out.toByteArray();
    }

    private PGPEncryptedDataGenerator encryptionGenerator() {
        // SEIPD v1 with MDC, not AEAD: gpg 2.2 reads only the former.
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(random));
        for (PGPPublicKey recipient : recipients) {
            generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(recipient).setSecureRandom(random));
        }
        return generator;
    }

    private PGPSignatureGenerator signatureGenerator() throws PGPException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(signingPublicKey.getAlgorithm(), HashAlgorithmTags.SHA256)
                        .setSecureRandom(random),
                signingPublicKey);
        generator.init(PGPSignature.BINARY_DOCUMENT, signingKey);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setIssuerFingerprint(false, signingPublicKey);
        hashed.setSignatureCreationTime(false, new Date());
        generator.setHashedSubpackets(hashed.generate());
        return generator;
    }

    private static PGPPublicKey publicKeyOf(PGPPrivateKey key) {
        try {
            return new PGPPublicKey(key.getPublicKeyPacket(), new BcKeyFingerprintCalculator());
        } catch (PGPException e) {
            throw new IllegalArgumentException("signing key has an unreadable public part", e);
        }
    }
}
