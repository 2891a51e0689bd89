package org.chtbackup.contracts.openpgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.StringJoiner;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PacketTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

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
        PGPOnePassSignature onePass = begin(first);
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
        finish(onePass, packets);
    }

    /**
     * As {@link #copyVerified}, over decrypted packets held in {@code a[from, to)}: the literal data's segments are
     * joined where they lie and hashed as they are, and its place is returned, not a copy. Returns null for packets
     * of any other shape than one-pass signatures, literal data, signatures (compressed, say): the caller reads those
     * with {@link #copyVerified}, which knows every shape and words every refusal.
     */
    HeldPlaintext verifyHeld(byte[] a, int from, int to)
            throws IOException, PGPException, GeneralSecurityException, HeldPacket.Unframed {
        int onePassEnd = from;
        HeldPacket packet = HeldPacket.read(a, from, to);
        while (packet.tag() == PacketTags.ONE_PASS_SIGNATURE && packet.end() < to) {
            onePassEnd = packet.end();
            packet = HeldPacket.read(a, onePassEnd, to);
        }
        if (onePassEnd == from || packet.tag() != PacketTags.LITERAL_DATA || packet.end() >= to
                || HeldPacket.read(a, packet.end(), to).tag() != PacketTags.SIGNATURE) {
            return null;
        }
        PGPOnePassSignature onePass = begin(new BcPGPObjectFactory(
                new ByteArrayInputStream(a, from, onePassEnd - from)).nextObject());
        LiteralBody body = new LiteralBody(a, packet.starts()[0], onePass);
        packet.join(a, body);
        int length = packet.bodyLength();
        if (body.header < 0 || body.header > length) {
            throw new ObjectAuthenticationException("object is truncated or damaged: its literal data packet is "
                    + length + " bytes, shorter than its own header");
        }
        finish(onePass, new BcPGPObjectFactory(new ByteArrayInputStream(a, packet.end(), to - packet.end())));
        return new HeldPlaintext(a, packet.starts()[0] + body.header, length - body.header);
    }

    /** The one-pass signature of a trusted signer in {@code first}, ready to take the content. */
    private PGPOnePassSignature begin(Object first) throws PGPException {
        if (!(first instanceof PGPOnePassSignatureList onePassList)) {
            throw new ObjectAuthenticationException(first instanceof PGPLiteralData
                    ? "object is not signed; every object must carry the crypto service's signature"
                    : "object has no one-pass signature where one is expected (found " + describe(first) + ")");
        }
        PGPOnePassSignature onePass = trustedOnePass(onePassList);
        onePass.init(VERIFIERS, trustedSigners.get(onePass.getKeyID()));
        return onePass;
    }

    /** Checks that the signature the content was hashed for follows it, matches it, and that nothing follows. */
    private void finish(PGPOnePassSignature onePass, PGPObjectFactory packets) throws IOException, PGPException {
        PGPSignature signature = matchingSignature(packets.nextObject(), onePass.getKeyID());
        if (!onePass.verify(signature)) {
            throw new ObjectAuthenticationException("signature by " + KeyRing.fingerprint(trustedSigners.get(
                    onePass.getKeyID())) + " does not match the content: the object was modified");
        }
        Object trailing = packets.nextObject();
        if (trailing != null) {
            throw new ObjectAuthenticationException("unexpected " + describe(trailing) + " after the signature");
        }
    }

    /**
     * Hashes a literal data packet's body for its signature as its segments are joined, past its header (format,
     * name length, name, date: the signature covers the data only).
     */
    private static final class LiteralBody implements HeldPacket.Joined {
        private final byte[] a;
        private final int start;
        private final PGPOnePassSignature onePass;
        /** The header's length, once its name length is in place; -1 before. */
        private int header = -1;
        private int hashed;

        LiteralBody(byte[] a, int start, PGPOnePassSignature onePass) {
            this.a = a;
            this.start = start;
            this.onePass = onePass;
            this.hashed = start;
        }

        @Override
        public void joined(int from, int to) {
            if (header < 0 && to - start >= 2) {
                header = 2 + (a[start + 1] & 0xff) + 4;
            }
            int data = header < 0 ? to : Math.max(hashed, start + header);
            if (to > data) {
                onePass.update(a, data, to - data);
                hashed = to;
            }
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
