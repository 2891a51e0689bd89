package org.chtbackup.contracts.openpgp;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;

/**
 * What our signer ({@link JdkDigestSigners}) and verifier ({@link JdkDigestVerifiers}) share: legacy EdDSA over
 * SHA-256 for one key, the content hashed once by the JDK's SHA-256 (SHA instructions) as it is written.
 */
abstract class Ed25519OverJdkSha256 {

    private final long keyId;
    private final MessageDigest sha256;
    private final OutputStream stream;

    Ed25519OverJdkSha256(long keyId) {
        this.keyId = keyId;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
        this.stream = new DigestOutputStream(OutputStream.nullOutputStream(), sha256);
    }

    /** The SHA-256 of everything written so far; resets the digest. */
    final byte[] contentDigest() {
        return sha256.digest();
    }

    public final OutputStream getOutputStream() {
        return stream;
    }

    public final int getHashAlgorithm() {
        return HashAlgorithmTags.SHA256;
    }

    public final int getKeyAlgorithm() {
        return PublicKeyAlgorithmTags.EDDSA_LEGACY;
    }

    public final long getKeyID() {
        return keyId;
    }
}
