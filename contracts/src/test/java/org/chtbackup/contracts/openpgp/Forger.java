package org.chtbackup.contracts.openpgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;

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
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/** Builds objects our encryptor never would, the way an attacker holding the public keys could. */
final class Forger {

    private Forger() {
    }

    /** Signs {@code signed} with the given key but stores {@code stored}; encrypted to OPS with an MDC. */
    static byte[] signedBy(PGPSecretKeyRing signerRing, byte[] signed, byte[] stored) {
        return build(true, (out) -> {
            PGPPrivateKey key = KeyRing.unlockSigningKey(signerRing, null);
            PGPPublicKey pub = signerRing.getPublicKey();
            PGPSignatureGenerator signature = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA256), pub);
            signature.init(PGPSignature.BINARY_DOCUMENT, key);
            signature.generateOnePassVersion(false).encode(out);
            writeLiteral(out, stored);
            signature.update(signed);
            signature.generate().encode(out);
        });
    }

    static byte[] unsigned(byte[] plaintext) {
        return build(true, out -> writeLiteral(out, plaintext));
    }

    /** Correctly signed, but encrypted without MDC (the legacy symmetrically encrypted packet). */
    static byte[] withoutIntegrityProtection(byte[] plaintext) {
        return build(false, out -> {
            PGPPrivateKey key = KeyRing.unlockSigningKey(TestKeys.SIGNER, null);
            PGPPublicKey pub = TestKeys.SIGNER.getPublicKey();
            PGPSignatureGenerator signature = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA256), pub);
            signature.init(PGPSignature.BINARY_DOCUMENT, key);
            signature.generateOnePassVersion(false).encode(out);
            writeLiteral(out, plaintext);
            signature.update(plaintext);
            signature.generate().encode(out);
        });
    }

    private interface Body {
        void write(OutputStream compressed) throws IOException, PGPException;
    }

    private static byte[] build(boolean withMdc, Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
                    new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                            .setWithIntegrityPacket(withMdc).setSecureRandom(new SecureRandom()));
            for (PGPPublicKey key : TestKeys.encryptionKeys(TestKeys.OPS)) {
                encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
            }
            OutputStream encrypted = encryption.open(bytes, new byte[1 << 12]);
            PGPCompressedDataGenerator compression = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZLIB);
            OutputStream compressed = compression.open(encrypted);
            body.write(compressed);
            compression.close();
            encryption.close();
            return bytes.toByteArray();
        } catch (IOException | PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeLiteral(OutputStream out, byte[] data) throws IOException {
        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        try (OutputStream literalOut = literal.open(out, PGPLiteralData.BINARY, "x", data.length, PGPLiteralData.NOW)) {
            literalOut.write(data);
        }
    }
}
