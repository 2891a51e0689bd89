package org.chtbackup.contracts.openpgp;

import java.security.Provider;
import java.security.SecureRandom;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;

/**
 * Signs with legacy EdDSA over SHA-256 (the crypto service's own key) hashing the content once with the JDK's
 * SHA-256 (SHA instructions); Bouncy Castle's JCA signer hashes it twice and its lightweight one is ten times slower.
 * Ed25519 over the 32-byte digest is exactly what OpenPGP's legacy EdDSA signs; gpg verifies these signatures (see
 * GpgInteropTest). Any other key goes to Bouncy Castle's JCA signer.
 */
final class JdkDigestSigners implements PGPContentSignerBuilder {

    private final int keyAlgorithm;
    private final PGPContentSignerBuilder fallback;

    JdkDigestSigners(int keyAlgorithm, Provider provider, SecureRandom random) {
        this.keyAlgorithm = keyAlgorithm;
        this.fallback = new JcaPGPContentSignerBuilder(keyAlgorithm, HashAlgorithmTags.SHA256).setProvider(provider)
                .setDigestProvider("SUN").setSecureRandom(random);
    }

    @Override
    public PGPContentSigner build(int signatureType, PGPPrivateKey privateKey) throws PGPException {
        AsymmetricKeyParameter key = keyAlgorithm == PublicKeyAlgorithmTags.EDDSA_LEGACY
                ? new BcPGPKeyConverter().getPrivateKey(privateKey) : null;
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            return fallback.build(signatureType, privateKey);
        }
        return new Ed25519OverSha256(signatureType, privateKey.getKeyID(), ed25519);
    }

    private static final class Ed25519OverSha256 extends Ed25519OverJdkSha256 implements PGPContentSigner {
        private final int type;
        private final Ed25519PrivateKeyParameters key;
        private byte[] digest;

        Ed25519OverSha256(int type, long keyId, Ed25519PrivateKeyParameters key) {
            super(keyId);
            this.type = type;
            this.key = key;
        }

        /** Everything written so far, hashed once: the generator asks for the signature and the digest. */
        private byte[] digest() {
            if (digest == null) {
                digest = contentDigest();
            }
            return digest;
        }

        @Override
        public byte[] getSignature() {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            byte[] hash = digest();
            signer.update(hash, 0, hash.length);
            return signer.generateSignature();
        }

        @Override
        public byte[] getDigest() {
            return digest().clone();
        }

        @Override
        public int getType() {
            return type;
        }
    }
}
