package org.chtbackup.contracts.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Storage's Ed25519 event-signing key pair and its text form. {@link #toString()} shows only the fingerprint.
 */
public final class EventSigningKeys {

    static final int KEY_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] privateKey;
    private final byte[] publicKey;

    private EventSigningKeys(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    public static EventSigningKeys generate() {
        return new EventSigningKeys(new Ed25519PrivateKeyParameters(RANDOM).getEncoded());
    }

    public static EventSigningKeys fromPrivateKey(byte[] privateKey) {
        requireLength(privateKey, "event signing private key");
        return new EventSigningKeys(privateKey.clone());
    }

    public byte[] privateKey() {
        return privateKey.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String fingerprint() {
        return fingerprint(publicKey);
    }

    @Override
    public String toString() {
        return "EventSigningKeys[fingerprint=" + fingerprint() + "]";
    }

    /** Standard base64 of a 32-byte key. */
    public static String encode(byte[] key) {
        requireLength(key, "key");
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Decodes a base64 key; surrounding whitespace is ignored.
     *
     * @param setting the setting the text came from, named in the error (the text itself never is)
     */
    public static byte[] decode(String base64, String setting) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty; expected base64 of a 32-byte Ed25519 key"
                    + " (keys generate writes storage-events.key and storage-events.pub)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // Not chained: its message could quote part of the secret text.
            throw new IllegalArgumentException(setting + " is not valid base64; expected base64 of a 32-byte Ed25519 key");
        }
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(setting + " must be base64 of 32 bytes (Ed25519), got " + key.length
                    + " bytes");
        }
        return key;
    }

    /** The first 16 hex digits of SHA-256 over the public key, as for the sealing keys. */
    public static String fingerprint(byte[] publicKey) {
        requireLength(publicKey, "public key");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static void requireLength(byte[] key, String what) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + KEY_LENGTH + " bytes (Ed25519), got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
    }
}
