package org.chtbackup.contracts.openpgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.StringJoiner;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;

/**
 * Reads the one-pass signed part of a decrypted object (one-pass signature, literal data,
 * signature), copies the literal data out and checks the signature against a trusted signer.
 */
final class SignedContent {

    private static final JdkDigestVerifiers VERIFIERS = new JdkDigestVerifiers();

    private final Map<Long, PGPPublicKey> trustedSigners;

    SignedContent(Map<Long, PGPPublicKey> trustedSigners) {
        this.trustedSigners = trustedSigners;
    }

    /**
     * @param first   the first packet after decryption and decompression
     * @param packets the rest of them
     */
    void copyVerified(Object first, PGPObjectFactory packets, OutputStream sink) throws IOException, PGPException {
        if (!(first instanceof PGPOnePassSignatureList onePassList)) {
            throw new ObjectAuthenticationException(first instanceof PGPLiteralData
                    ? "object is not signed; every object must carry the crypto service's signature"
                    : "object has no one-pass signature where one is expected (found " + describe(first) + ")");
        }
        PGPOnePassSignature onePass = trustedOnePass(onePassList);
        PGPPublicKey signer = trustedSigners.get(onePass.getKeyID());
        onePass.init(VERIFIERS, signer);

        Object literal = packets.nextObject();
        if (!(literal instanceof PGPLiteralData data)) {
            throw new ObjectAuthenticationException("signed object holds no literal data (found " + describe(literal) + ")");
        }
        InputStream in = data.getDataStream();
        byte[] buffer = new byte[ObjectEncryptor.BUFFER_SIZE];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            onePass.update(buffer, 0, read);
            sink.write(buffer, 0, read);
        }

        PGPSignature signature = matchingSignature(packets.nextObject(), onePass.getKeyID());
        if (!onePass.verify(signature)) {
            throw new ObjectAuthenticationException("signature by " + KeyRing.fingerprint(signer)
                    + " does not match the content: the object was modified");
        }
        Object trailing = packets.nextObject();
        if (trailing != null) {
            throw new ObjectAuthenticationException("unexpected " + describe(trailing) + " after the signature");
        }
    }

    private PGPOnePassSignature trustedOnePass(PGPOnePassSignatureList list) {
        StringJoiner found = new StringJoiner(", ");
        for (int i = 0; i < list.size(); i++) {
            PGPOnePassSignature candidate = list.get(i);
            if (trustedSigners.containsKey(candidate.getKeyID())) {
                return candidate;
            }
            found.add(KeyRing.keyId(candidate.getKeyID()));
        }
        StringJoiner trusted = new StringJoiner(", ");
        trustedSigners.values().forEach(key -> trusted.add(KeyRing.fingerprint(key)));
        throw new ObjectAuthenticationException("object is signed by key id " + found
                + ", which is not a trusted signer (trusted: " + trusted + ")");
    }

    private static PGPSignature matchingSignature(Object next, long keyId) {
        if (!(next instanceof PGPSignatureList list)) {
            throw new ObjectAuthenticationException(next == null
                    ? "object ends before its signature: truncated"
                    : "expected the signature but found " + describe(next));
        }
        for (PGPSignature signature : list) {
            if (signature.getKeyID() == keyId) {
                requireAcceptable(signature);
                return signature;
            }
        }
        throw new ObjectAuthenticationException("no signature by key id " + KeyRing.keyId(keyId)
                + " follows its one-pass header");
    }

    private static void requireAcceptable(PGPSignature signature) {
        int type = signature.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            throw new ObjectAuthenticationException("signature has type " + type + ", not a document signature");
        }
        // SHA-1 and older are collision-prone and chunk content is partly user-controlled.
        switch (signature.getHashAlgorithm()) {
            case HashAlgorithmTags.SHA224, HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA384,
                    HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA3_256, HashAlgorithmTags.SHA3_512 -> {
            }
            default -> throw new ObjectAuthenticationException("signature uses weak hash algorithm "
                    + signature.getHashAlgorithm() + "; SHA-224 or stronger is required");
        }
    }

    static String describe(Object packet) {
        return packet == null ? "end of data" : packet.getClass().getSimpleName().replace("PGP", "") + " packet";
    }
}
