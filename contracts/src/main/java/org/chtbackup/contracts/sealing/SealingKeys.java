package org.chtbackup.contracts.sealing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * The crypto service's X25519 sealing key pair, and the text form both halves travel in: standard
 * base64 of the raw 32 bytes, in an environment variable, a config value or a one-line file.
 *
 * <p>{@link #toString()} shows only the fingerprint, so a key pair that reaches a log leaks nothing.
 */
public final class SealingKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final byte[] publicKey;
    private final byte[] privateKey;

    private SealingKeys(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKeyOf(privateKey);
    }

    /** A new random key pair. */
    public static SealingKeys generate() {
        return new SealingKeys(new X25519PrivateKeyParameters(RANDOM).getEncoded());
    }

    /** The key pair for a stored private key; the public key is derived from it. */
    public static SealingKeys fromPrivateKey(byte[] privateKey) {
        requireKeyLength(privateKey, "private key");
        return new SealingKeys(privateKey.clone());
    }

    /** The 32-byte public key, for the collector's {@link Sealer}. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 32-byte private key, for the crypto service's {@link Opener}. Keep it out of logs. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** {@link #fingerprint(byte[])} of the public key. */
    public String fingerprint() {
        return fingerprint(publicKey);
    }

    @Override
    public String toString() {
        return "SealingKeys[fingerprint=" + fingerprint() + "]";
    }

    // ---- text and files ---------------------------------------------------------------------

    /** Standard base64 (with padding) of a 32-byte key. */
    public static String encode(byte[] key) {
        requireKeyLength(key, "key");
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Decodes a base64 key; surrounding whitespace (a trailing newline in a file or env var) is ignored.
     *
     * @throws IllegalArgumentException if the text is not base64 of exactly 32 bytes
     */
    public static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("sealing key is empty; expected base64 of a 32-byte X25519 key");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // Deliberately not chaining e: its message could quote part of the secret text.
            throw new IllegalArgumentException("sealing key is not valid base64; expected base64 of a 32-byte X25519 key");
        }
        requireKeyLength(key, "sealing key");
        return key;
    }

    /** Reads a key file written by {@link #writePublicKey} or {@link #writePrivateKey}. */
    public static byte[] readKey(Path file) throws IOException {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the public key as one base64 line. */
    public static void writePublicKey(Path file, byte[] publicKey) throws IOException {
        Files.writeString(file, encode(publicKey) + "\n", StandardCharsets.US_ASCII);
    }

    /** Writes the private key as one base64 line, readable by the owner only (POSIX file systems). */
    public static void writePrivateKey(Path file, byte[] privateKey) throws IOException {
        byte[] line = (encode(privateKey) + "\n").getBytes(StandardCharsets.US_ASCII);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Set the mode before any secret byte lands in the file.
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        }
        Files.write(file, line);
    }

    // ---- fingerprints -----------------------------------------------------------------------

    /**
     * The first 16 lowercase hex digits of SHA-256 over the raw public key: short enough to compare
     * by eye in a log or dashboard, and it says nothing about the private key.
     */
    public static String fingerprint(byte[] publicKey) {
        requireKeyLength(publicKey, "public key");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static byte[] publicKeyOf(byte[] privateKey) {
        return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    static void requireKeyLength(byte[] key, String what) {
        if (key == null || key.length != SealedFormat.X25519_KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + SealedFormat.X25519_KEY_LENGTH + " bytes (X25519), got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
    }
}
