package org.chtbackup.contracts.openpgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
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
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Writes one stored object: an OpenPGP message holding the plaintext as literal data, signed with a one-pass
 * SHA-256 signature, and encrypted with AES-256 and an MDC to every recipient key.
 *
 * <p>The output is binary (not armored) and readable by stock gpg 2.2: {@code gpg --decrypt object > plaintext}.
 * Objects are not OpenPGP-compressed: packs already hold zstd frames (OpenPGP knows only ZIP, ZLIB and BZip2,
 * which are several times slower and compress CouchDB files less), and manifests are small. Bulk work runs on the
 * JDK's providers: AES-CFB in SunJCE (AES-NI) and the SHA digests in SUN (SHA instructions); only the per-object
 * key operations use Bouncy Castle's lightweight code. Encryption is randomised: the same plaintext gives different
 * bytes each time, which is why objects are named by id, not by their hash.
 *
 * <p>Thread-safe: each call builds its own OpenPGP generators.
 */
public final class ObjectEncryptor {

    static final int BUFFER_SIZE = 1 << 16;

    /** OpenPGP's literal packet stores the name with a one-byte length. */
    private static final int MAX_NAME_BYTES = 255;
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    /** The largest object a thread's output buffer is kept for: a pack, a list piece or a manifest part. */
    private static final int MAX_KEPT_OUTPUT = 32 << 20;

    private final List<PGPPublicKey> recipients;
    private final PGPPrivateKey signingKey;
    private final PGPPublicKey signingPublicKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * Per thread, the buffer an in-memory object is written into, kept from one object to the next: the object then
     * costs one array of its exact length, not a buffer of its size and then that array (crypto allocated 0.6 GB
     * of such buffers in the bench host's first snapshot).
     */
    private final ThreadLocal<ByteArrayOutputStream> outputs = ThreadLocal.withInitial(ByteArrayOutputStream::new);

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
     * @param name stored, encrypted, as the literal file name gpg offers on decryption (e.g. {@code <pack id>.zst});
     *             at most 255 UTF-8 bytes
     * @throws IOException when reading {@code plaintext} or writing {@code out} fails; what was
     *                     written is then not a valid object
     */
    public void encrypt(InputStream plaintext, OutputStream out, String name) throws IOException {
        try (Signed signed = open(out, name)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            int read;
            while ((read = plaintext.read(buffer)) >= 0) {
                signed.write(buffer, 0, read);
            }
        }
    }

    /** Encrypts {@code length} bytes of {@code plaintext} from {@code offset}: the object, in memory. */
    public byte[] encrypt(byte[] plaintext, int offset, int length, String name) {
        ByteArrayOutputStream out = outputs.get();
        out.reset();
        try (Signed signed = open(out, name)) {
            signed.write(plaintext, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory encryption failed", e);
        } finally {
            if (out.size() > MAX_KEPT_OUTPUT) {
                outputs.remove();
            }
        }
        return out.toByteArray();
    }

    /** {@link #encrypt(InputStream, OutputStream, String)} for data already in memory. */
    public byte[] encrypt(byte[] plaintext, String name) {
        return encrypt(plaintext, 0, plaintext.length, name);
    }

    /** The open layers of one object: write the plaintext, then close to finish signature, MDC and packets. */
    private final class Signed implements AutoCloseable {
        private final PGPEncryptedDataGenerator encryption;
        private final PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        private final PGPSignatureGenerator signature;
        private final OutputStream encrypted;
        private final OutputStream literalOut;
        private final String name;

        Signed(OutputStream out, String name) throws IOException, PGPException {
            this.name = name;
            this.encryption = encryptionGenerator();
            this.encrypted = encryption.open(out, new byte[BUFFER_SIZE]);
            this.signature = signatureGenerator();
            signature.generateOnePassVersion(false).encode(encrypted);
            // Modification time 0: the file's own time is in the manifest, not leaked here.
            this.literalOut = literal.open(encrypted, PGPLiteralData.BINARY, name, new Date(0L), new byte[BUFFER_SIZE]);
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            literalOut.write(bytes, offset, length);
            signature.update(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            try {
                literal.close();
                signature.generate().encode(encrypted);
                encryption.close();
            } catch (PGPException e) {
                throw new IllegalStateException("OpenPGP signature of object '" + name + "' failed", e);
            }
        }
    }

    private Signed open(OutputStream out, String name) throws IOException {
        byte[] nameBytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("object name is " + nameBytes.length + " bytes; at most "
                    + MAX_NAME_BYTES + " fit in an OpenPGP literal packet");
        }
        try {
            return new Signed(out, name == null ? "" : name);
        } catch (PGPException e) {
            throw new IllegalStateException("OpenPGP encryption of object '" + name + "' failed", e);
        }
    }

    private PGPEncryptedDataGenerator encryptionGenerator() {
        // SEIPD v1 with MDC, not AEAD: gpg 2.2 reads only the former. AES-CFB from SunJCE uses AES-NI.
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                new ReusedBufferCfbEncryptors(SymmetricKeyAlgorithmTags.AES_256, random));
        for (PGPPublicKey recipient : recipients) {
            generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(recipient).setSecureRandom(random));
        }
        return generator;
    }

    private PGPSignatureGenerator signatureGenerator() throws PGPException {
        // The key operation from Bouncy Castle, the digest of the content from the JDK (SHA-NI), hashed once.
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new JdkDigestSigners(signingPublicKey.getAlgorithm(), BOUNCY_CASTLE, random), signingPublicKey);
        generator.init(PGPSignature.BINARY_DOCUMENT, signingKey);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setIssuerFingerprint(false, signingPublicKey);
        hashed.setSignatureCreationTime(false, new Date());
        generator.setHashedSubpackets(hashed.generate());
        return generator;
    }

    static PGPPublicKey publicKeyOf(PGPPrivateKey key) {
        try {
            return new PGPPublicKey(key.getPublicKeyPacket(), new BcKeyFingerprintCalculator());
        } catch (PGPException e) {
            throw new IllegalArgumentException("signing key has an unreadable public part", e);
        }
    }
}
