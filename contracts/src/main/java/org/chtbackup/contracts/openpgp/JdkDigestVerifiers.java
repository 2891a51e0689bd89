package org.chtbackup.contracts.openpgp;


import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;

/**
 * Verifies our own signatures (legacy EdDSA over SHA-256, what the crypto service makes) with the JDK's SHA-256,
 * which uses the CPU's SHA instructions: Bouncy Castle's pure-Java digest is about ten times slower and would be
 * the slowest step of every restore, since the whole pack is hashed. Ed25519 over the 32-byte digest is
 * exactly what OpenPGP's legacy EdDSA signs. Any other algorithm goes to Bouncy Castle's own verifier.
 */
final class JdkDigestVerifiers implements PGPContentVerifierBuilderProvider {

    private final PGPContentVerifierBuilderProvider fallback = new BcPGPContentVerifierBuilderProvider();

    @Override
    public PGPContentVerifierBuilder get(int keyAlgorithm, int hashAlgorithm) throws PGPException {
        if (keyAlgorithm != PublicKeyAlgorithmTags.EDDSA_LEGACY || hashAlgorithm != HashAlgorithmTags.SHA256) {
            return fallback.get(keyAlgorithm, hashAlgorithm);
        }
        return publicKey -> {
            AsymmetricKeyParameter key = new BcPGPKeyConverter().getPublicKey(publicKey);
            if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
                return fallback.get(keyAlgorithm, hashAlgorithm).build(publicKey);
            }
            return new Ed25519OverSha256(ed25519, publicKey);
        };
    }

    private static final class Ed25519OverSha256 extends Ed25519OverJdkSha256 implements PGPContentVerifier {
        private final Ed25519PublicKeyParameters key;

        Ed25519OverSha256(Ed25519PublicKeyParameters key, PGPPublicKey publicKey) {
            super(publicKey.getKeyID());
            this.key = key;
        }

        @Override
        public boolean verify(byte[] expected) {
            byte[] digest = contentDigest();
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(false, key);
            signer.update(digest, 0, digest.length);
            return signer.verifySignature(expected);
        }
    }
}
