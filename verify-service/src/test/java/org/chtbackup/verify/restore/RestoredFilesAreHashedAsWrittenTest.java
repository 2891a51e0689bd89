package org.chtbackup.verify.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.location.Location;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restored file's SHA-256 is taken as its chunks are written, in whatever order the packs come, instead of by
 * reading the restore back; it still catches a file that is not what the manifest says.
 */
class RestoredFilesAreHashedAsWrittenTest {

    @TempDir
    Path work;

    @Test
    void chunksInAnyOrderGiveTheDigestOfTheWholeFileAndOnlyEarlyOnesAreReadBack() throws Exception {
        byte[] content = random(1 << 20, 7);
        List<long[]> chunks = chunks(content.length, new Random(8));

        RunningFileHash inOrder = writeAll(work.resolve("in-order"), content, chunks);
        assertThat(inOrder.hashedBytes()).isEqualTo(content.length);
        assertThat(inOrder.readBackBytes()).as("bytes read back when chunks come in order").isZero();
        assertThat(inOrder.hex()).isEqualTo(sha256(content));

        List<long[]> shuffled = new ArrayList<>(chunks);
        Collections.shuffle(shuffled, new Random(9));
        RunningFileHash anyOrder = writeAll(work.resolve("shuffled"), content, shuffled);
        assertThat(anyOrder.hashedBytes()).isEqualTo(content.length);
        assertThat(anyOrder.readBackBytes()).as("bytes read back").isPositive().isLessThan(content.length);
        assertThat(anyOrder.hex()).isEqualTo(sha256(content));
    }

    @Test
    void aThreadWithAChunkForAFileBeingHashedNotesItAndGoesOn() throws Exception {
        byte[] content = random(200_000, 3);
        Path path = work.resolve("held");
        Files.write(path, content);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageDigest real = MessageDigest.getInstance("SHA-256");
        MessageDigest held = new MessageDigest("SHA-256") {
            @Override
            protected void engineUpdate(byte input) {
                real.update(input);
            }

            @Override
            protected void engineUpdate(byte[] input, int offset, int len) {
                if (inside.getCount() > 0) {
                    inside.countDown();
                    await(release);
                }
                real.update(input, offset, len);
            }

            @Override
            protected byte[] engineDigest() {
                return real.digest();
            }

            @Override
            protected void engineReset() {
                real.reset();
            }
        };
        RunningFileHash hash = new RunningFileHash(path, held);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> {
                hash.written(0, content, 0, 100_000);
                return null;
            });
            inside.await();
            // the first thread is inside the digest: the next chunk, in order or not, must not wait for it
            Future<?> second = threads.submit(() -> {
                hash.written(100_000, content, 100_000, 100_000);
                return null;
            });
            second.get(30, TimeUnit.SECONDS);
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(hash.hashedBytes()).isEqualTo(content.length);
        assertThat(hash.readBackBytes()).as("the noted chunk, read back by the thread that was hashing")
                .isEqualTo(100_000);
        assertThat(hash.hex()).isEqualTo(sha256(content));
    }

    @Test
    void aChunkThatCannotBeReadBackFailsByItsPlaceAndLeavesTheDigestFree() throws Exception {
        byte[] content = random(300_000, 4);
        Path path = work.resolve("cut");
        Files.write(path, content);
        RunningFileHash hash = new RunningFileHash(path);
        hash.written(100_000, content, 100_000, 200_000);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(150_000); // the early chunk's bytes are gone before the digest reaches them
        }

        assertThatThrownBy(() -> hash.written(0, content, 0, 100_000))
                .isInstanceOf(IOException.class).hasMessageContaining("ends at 150000")
                .hasMessageContaining("written up to 300000");

        // the failed read-back ended the feeding: the chunk, written again, continues the digest at once
        Files.write(path, content);
        hash.written(100_000, content, 100_000, 200_000);
        assertThat(hash.hashedBytes()).isEqualTo(content.length);
        assertThat(hash.readBackBytes()).isZero();
    }

    @Test
    void threadsWritingOneFilesChunksAtOnceGiveItsDigest() throws Exception {
        byte[] content = random(4 << 20, 5);
        for (int round = 0; round < 20; round++) {
            Path path = work.resolve("shared-" + round);
            Files.createFile(path);
            RunningFileHash hash = new RunningFileHash(path);
            List<long[]> chunks = chunks(content.length, new Random(round));
            ConcurrentLinkedQueue<long[]> queue = new ConcurrentLinkedQueue<>(chunks);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    work.add(threads.submit(() -> {
                        for (long[] chunk; (chunk = queue.poll()) != null; ) {
                            ByteBuffer bytes = ByteBuffer.wrap(content, (int) chunk[0], (int) chunk[1]);
                            for (long at = chunk[0]; bytes.hasRemaining(); ) {
                                at += channel.write(bytes, at);
                            }
                            hash.written(chunk[0], content, (int) chunk[0], (int) chunk[1]);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(hash.hashedBytes()).as("round %d", round).isEqualTo(content.length);
            assertThat(hash.hex()).as("round %d", round).isEqualTo(sha256(content));
        }
    }

    @Test
    void aMissingChunkLeavesTheDigestShortAndAChunkWrittenTwiceIsABug() throws Exception {
        byte[] content = random(300_000, 1);
        List<long[]> chunks = chunks(content.length, new Random(2));
        List<long[]> allButSecond = new ArrayList<>(chunks);
        long[] second = allButSecond.remove(1);

        RunningFileHash gap = writeAll(work.resolve("gap"), content, allButSecond);
        assertThat(gap.hashedBytes()).as("bytes hashed").isEqualTo(second[0]);

        assertThatThrownBy(() -> gap.written(chunks.get(2)[0], content, (int) chunks.get(2)[0], (int) chunks.get(2)[1]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two chunks written at offset");
    }

    @Test
    void aRestoredFileThatDiffersFromItsManifestEntryFailsByNameAndTheOthersRestore() throws Exception {
        Location nas = StoredSnapshots.nas(work.resolve("nas"));
        String key = StoredSnapshots.store(nas, "hashed", Instant.parse("2026-03-01T02:00:00Z"), null, null);
        SnapshotRestorer restorer = new SnapshotRestorer(StoredSnapshots.decryptor(), 4);
        Manifest manifest = restorer.readManifest(nas, key);
        FileEntry biggest = manifest.files().stream().max(java.util.Comparator.comparingLong(FileEntry::size))
                .orElseThrow();
        List<FileEntry> files = manifest.files().stream().map(f -> f != biggest ? f : new FileEntry(f.root(), f.path(),
                f.kind(), f.size(), f.mode(), f.modified(), "0".repeat(64), f.chunks())).toList();
        Manifest wrong = new Manifest(manifest.formatVersion(), manifest.deploymentId(), manifest.snapshotId(),
                manifest.createdAt(), manifest.host(), files, manifest.liveBefore(), manifest.liveAfter(),
                manifest.locations());

        RestoreOutcome good = restorer.restore(nas, manifest, work.resolve("good"));
        RestoreOutcome outcome = restorer.restore(nas, wrong, work.resolve("wrong"));

        assertThat(good.failures()).isEmpty();
        assertThat(good.files()).isEqualTo(files.size());
        assertThat(outcome.failures()).singleElement().asString()
                .contains(biggest.path(), "differs from manifest " + "0".repeat(64), "(" + biggest.size() + " bytes)");
        assertThat(outcome.files()).isEqualTo(files.size() - 1);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Cuts {@code size} bytes into chunks of 1–64 KiB: {offset, length} each. */
    private static List<long[]> chunks(int size, Random random) {
        List<long[]> chunks = new ArrayList<>();
        for (long at = 0; at < size; ) {
            long length = Math.min(size - at, 1 + random.nextInt(64 << 10));
            chunks.add(new long[] {at, length});
            at += length;
        }
        return chunks;
    }

    /** Writes each chunk at its offset, then tells the hash, as a pack thread does. */
    private static RunningFileHash writeAll(Path path, byte[] content, List<long[]> chunks) throws Exception {
        Files.createFile(path);
        RunningFileHash hash = new RunningFileHash(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            for (long[] chunk : chunks) {
                ByteBuffer bytes = ByteBuffer.wrap(content, (int) chunk[0], (int) chunk[1]);
                for (long at = chunk[0]; bytes.hasRemaining(); ) {
                    at += channel.write(bytes, at);
                }
                hash.written(chunk[0], content, (int) chunk[0], (int) chunk[1]);
            }
        }
        return hash;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
