package org.chtbackup.contracts.openpgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The two ways {@link ObjectDecryptor} reads an object: streamed (any size), or held whole (a restore's packs). Both
 * must accept exactly the same objects and refuse the rest, so the tests that forge and damage objects run on both.
 */
enum Reading {
    STREAMED {
        @Override
        byte[] decrypt(ObjectDecryptor decryptor, byte[] object) {
            return decryptor.decrypt(object);
        }
    },
    /** One scratch and buffer per thread, reused object after object as a restore thread does. */
    HELD {
        @Override
        byte[] decrypt(ObjectDecryptor decryptor, byte[] object) {
            PlaintextBuffer plaintext = PLAINTEXT.get().reset();
            try {
                decryptor.decrypt(new ByteArrayInputStream(object), SCRATCH.get(), plaintext);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return plaintext.toByteArray();
        }
    };

    private static final int MAX = 16 << 20;
    private static final ThreadLocal<HeldObjectScratch> SCRATCH = ThreadLocal.withInitial(() -> new HeldObjectScratch(MAX));
    private static final ThreadLocal<PlaintextBuffer> PLAINTEXT = ThreadLocal.withInitial(() -> new PlaintextBuffer(MAX));

    abstract byte[] decrypt(ObjectDecryptor decryptor, byte[] object);
}
