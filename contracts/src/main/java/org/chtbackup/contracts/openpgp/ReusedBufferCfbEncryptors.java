package org.chtbackup.contracts.openpgp;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

/**
 * Bouncy Castle's data encryptor for SEIPD v1 with one change: its stream encrypts every write into one reused
 * array. Bouncy Castle's {@code CipherOutputStream} asks the cipher for a new array per write, which SunJCE's CFB
 * then copies once more: two arrays the size of each object (JFR: 1.2 GB of the 6.2 GB crypto allocated for the
 * bench's first snapshot). The cipher is the one Bouncy Castle builds for an integrity-protected packet: SunJCE's
 * AES/CFB/NoPadding with an all-zero IV; the MDC's digest and everything else stay with the delegate.
 */
final class ReusedBufferCfbEncryptors implements PGPDataEncryptorBuilder {

    private final PGPDataEncryptorBuilder delegate;
    private boolean withIntegrityPacket = true;

    /** Integrity-protected (SEIPD v1, with MDC) encryption with {@code algorithm}, as SunJCE runs it. */
    ReusedBufferCfbEncryptors(int algorithm, SecureRandom random) {
        this.delegate = new JcePGPDataEncryptorBuilder(algorithm)
                .setProvider("SunJCE")
                .setWithIntegrityPacket(true)
                .setSecureRandom(random);
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes) throws PGPException {
        PGPDataEncryptor base = delegate.build(keyBytes);
        if (!withIntegrityPacket || !EcbCfbDecryptors.isAes(delegate.getAlgorithm())) {
            return base; // OpenPGP's resynchronising CFB: not what we write
        }
        Cipher cfb;
        try {
            cfb = Cipher.getInstance("AES/CFB/NoPadding", "SunJCE");
            cfb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            return base;
        }
        return new PGPDataEncryptor() {
            @Override
            public OutputStream getOutputStream(OutputStream out) {
                return new Stream(out, cfb);
            }

            @Override
            public PGPDigestCalculator getIntegrityCalculator() {
                return base.getIntegrityCalculator();
            }

            @Override
            public int getBlockSize() {
                return base.getBlockSize();
            }
        };
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes, byte[] associatedData) throws PGPException {
        return delegate.build(keyBytes, associatedData);
    }

    @Override
    public int getAlgorithm() {
        return delegate.getAlgorithm();
    }

    @Override
    public int getAeadAlgorithm() {
        return delegate.getAeadAlgorithm();
    }

    @Override
    public int getChunkSize() {
        return delegate.getChunkSize();
    }

    @Override
    public boolean isV5StyleAEAD() {
        return delegate.isV5StyleAEAD();
    }

    @Override
    public SecureRandom getSecureRandom() {
        return delegate.getSecureRandom();
    }

    @Override
    public PGPDataEncryptorBuilder setWithIntegrityPacket(boolean withIntegrityPacket) {
        delegate.setWithIntegrityPacket(withIntegrityPacket);
        this.withIntegrityPacket = withIntegrityPacket;
        return this;
    }

    @Override
    public PGPDataEncryptorBuilder setWithAEAD(int aeadAlgorithm, int chunkSize) {
        delegate.setWithAEAD(aeadAlgorithm, chunkSize);
        return this;
    }

    @Override
    public PGPDataEncryptorBuilder setUseV5AEAD() {
        delegate.setUseV5AEAD();
        return this;
    }

    @Override
    public PGPDataEncryptorBuilder setUseV6AEAD() {
        delegate.setUseV6AEAD();
        return this;
    }

    /** As Bouncy Castle's {@code CipherOutputStream}: close ends the cipher, flushes and closes {@code out}. */
    static final class Stream extends OutputStream {
        private static final int CAPACITY = 64 * 1024;

        private final OutputStream out;
        private final Cipher cfb;
        /** A block more than a write: CFB holds back a partial block and gives it out with the next write. */
        private final byte[] buffer = new byte[CAPACITY + 16];
        private boolean closed;

        Stream(OutputStream out, Cipher cfb) {
            this.out = out;
            this.cfb = cfb;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                for (int done = 0; done < len; ) {
                    int n = Math.min(CAPACITY, len - done);
                    out.write(buffer, 0, cfb.update(b, off + done, n, buffer, 0));
                    done += n;
                }
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e); // the buffer holds a write and a held-back block
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                byte[] tail = cfb.doFinal();
                if (tail != null && tail.length > 0) {
                    out.write(tail);
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-CFB could not finish: " + e.getClass().getSimpleName(), e);
            }
            out.flush();
            out.close();
        }
    }
}
