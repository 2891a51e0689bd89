package org.chtbackup.verify.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.openpgp.HeldPlaintext;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.location.Location;
import org.chtbackup.verify.testing.ForwardingLocation;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A format-3 snapshot restores several packs at once, never more than the configured parallelism (each pack in
 * flight is held in memory), and byte for byte.
 */
class PacksRestoreInParallelWithinTheBoundTest {

    @TempDir
    Path work;

    @Test
    void packsAreFetchedConcurrentlyUpToTheBoundAndEveryFileComesBackWhole() throws Exception {
        Location nas = StoredSnapshots.nas(work.resolve("nas"));
        String key = StoredSnapshots.store(nas, "par", Instant.parse("2026-03-01T02:00:00Z"), null, null);
        ConcurrencyCounting counting = new ConcurrencyCounting(nas);
        SnapshotRestorer restorer = new SnapshotRestorer(StoredSnapshots.decryptor(), 3);
        Manifest manifest = restorer.readManifest(nas, key);
        long packs = manifest.locations().values().stream().map(l -> l.packId()).distinct().count();

        RestoreOutcome outcome = restorer.restore(counting, manifest, work.resolve("target"));

        assertThat(packs).as("enough packs to overlap").isGreaterThan(3);
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.files()).isEqualTo(manifest.files().size());
        assertThat(counting.most.get()).as("packs in flight at once").isBetween(2, 3);
    }

    @Test
    void packsAtOnceAreAsManyAsHalfTheHeapHoldsNeverNone() {
        int mib = 1 << 20;
        int content = 8 * mib + mib / 2; // a 4 MiB pack of CouchDB data decompresses to about twice that
        assertThat(PackBuffers.bytesFor(content)).isEqualTo(4L * (content + 64 * 1024));
        // A service's 192 MiB heap: 96 MiB for packs, two at 34.25 MiB each (four ran it out of heap).
        assertThat(PackedRestore.threads(4, 150, 192L * mib, content)).isEqualTo(2);
        assertThat(PackedRestore.threads(4, 150, 6L << 30, content)).isEqualTo(4);
        assertThat(PackedRestore.threads(4, 3, 6L << 30, content)).isEqualTo(3);
        assertThat(PackedRestore.threads(4, 150, 32L * mib, content)).isEqualTo(1);
        assertThat(PackedRestore.threads(4, 0, 6L << 30, content)).isEqualTo(1);
    }

    @Test
    void reservedArraysHoldAPackOfTheLargestContentWithoutGrowing() throws Exception {
        int content = 3 << 20;
        PackBuffers buffers = new PackBuffers(PackedRestore.MAX_PACK_BYTES);
        buffers.reserve(content);
        byte[] decompressed = buffers.content(content);
        byte[] barelyCompressed = new byte[content + 1000];
        new Random(3).nextBytes(barelyCompressed);
        byte[] pack = StoredSnapshots.encryptor().encrypt(barelyCompressed, "pack");
        ObjectDecryptor decryptor = StoredSnapshots.decryptor();

        HeldPlaintext first = decryptor.decrypt(new ByteArrayInputStream(pack), buffers.scratch());
        byte[] held = first.array();
        HeldPlaintext second = decryptor.decrypt(new ByteArrayInputStream(pack), buffers.scratch());

        assertThat(second.toByteArray()).isEqualTo(barelyCompressed);
        assertThat(second.array()).as("the object's array, reserved, not grown").isSameAs(held);
        assertThat(held.length).isEqualTo(content + 64 * 1024);
        assertThat(buffers.content(content)).isSameAs(decompressed);
    }

    /** A location whose reads are slow to start, counting how many are open at once. */
    private static final class ConcurrencyCounting extends ForwardingLocation {
        private final AtomicInteger open = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        ConcurrencyCounting(Location inner) {
            super(inner);
        }

        @Override
        public InputStream get(String key) {
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100); // a remote store's first byte
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FilterInputStream(inner.get(key)) {
                @Override
                public void close() throws IOException {
                    open.decrementAndGet();
                    super.close();
                }
            };
        }
    }
}
