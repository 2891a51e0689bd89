package org.chtbackup.contracts.openpgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;

/**
 * Detached OpenPGP signatures, ASCII-armoured: what {@code gpg --detach-sign --armor} writes and
 * {@code gpg --verify <file>.asc <file>} checks. For documents an auditor must be able to check without our code
 * (drill reports); objects carry their signature inside ({@link ObjectEncryptor}).
 */
public final class DetachedSignatures {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final PGPPrivateKey key;
    private final PGPPublicKey publicKey;
    private final SecureRandom random = new SecureRandom();

    public DetachedSignatures(PGPPrivateKey key) {
        this.key = key;
        this.publicKey = ObjectEncryptor.publicKeyOf(key);
    }

    /** Fingerprint of the signing key, as gpg prints it. */
    public String fingerprint() {
        return KeyRing.fingerprint(publicKey);
    }

    /** An armoured binary-document signature of {@code content}, made now. */
    public byte[] sign(byte[] content) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new JdkDigestSigners(publicKey.getAlgorithm(), BOUNCY_CASTLE, random), publicKey);
            generator.init(PGPSignature.BINARY_DOCUMENT, key);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setIssuerFingerprint(false, publicKey);
            hashed.setSignatureCreationTime(false, new Date());
            generator.setHashedSubpackets(hashed.generate());
            generator.update(content);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                generator.generate().encode(armored);
            }
            return out.toByteArray();
        } catch (PGPException e) {
            throw new IllegalStateException("signing failed with key " + fingerprint(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks an armoured detached signature of {@code content} against {@code signers}.
     *
     * @throws ObjectAuthenticationException when it is not a signature, not by one of them, or does not match
     */
    public static void verify(byte[] content, InputStream signature, List<PGPPublicKey> signers) {
        try {
            Object packet = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(signature)).nextObject();
            if (!(packet instanceof PGPSignatureList list) || list.isEmpty()) {
                throw new ObjectAuthenticationException("not an OpenPGP signature");
            }
            PGPSignature sig = list.get(0);
            PGPPublicKey signer = signers.stream().filter(k -> k.getKeyID() == sig.getKeyID()).findFirst()
                    .orElseThrow(() -> new ObjectAuthenticationException("signed by key id "
                            + Long.toHexString(sig.getKeyID()) + ", which is not a trusted signer"));
            sig.init(new JdkDigestVerifiers(), signer);
            sig.update(content);
            if (!sig.verify()) {
                throw new ObjectAuthenticationException("signature by " + KeyRing.fingerprint(signer)
                        + " does not match the content: changed after signing");
            }
        } catch (PGPException | IOException e) {
            throw new ObjectAuthenticationException("signature unreadable: " + e.getMessage(), e);
        }
    }
}
