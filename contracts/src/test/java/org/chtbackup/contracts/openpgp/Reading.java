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
    /** One scratch per thread, reused object after object as a restore thread does. */
    HELD {
        @Override
        byte[] decrypt(ObjectDecryptor decryptor, byte[] object) {
            try {
                return decryptor.decrypt(new ByteArrayInputStream(object), SCRATCH.get()).toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final int MAX = 16 << 20;
    private static final ThreadLocal<HeldObjectScratch> SCRATCH = ThreadLocal.withInitial(() -> new HeldObjectScratch(MAX));

    abstract byte[] decrypt(ObjectDecryptor decryptor, byte[] object);
}
