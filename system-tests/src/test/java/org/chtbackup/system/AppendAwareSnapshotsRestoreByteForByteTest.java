package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.verify.drill.DrillRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots that read CouchDB files only from where the last read ended restore, from every location, byte for byte
 * what a full read gives, and their drills pass: after appends to a shard and a view, a compaction (a new file
 * renamed over the old), an older copy put back in place, and appends made while the snapshot reads.
 *
 * <p>Appends are made as couch_file makes them: data blocks, then a copy of the last header at the next block
 * boundary, so each file stays a valid CouchDB file whose last header the drill's offline check reads.
 */
class AppendAwareSnapshotsRestoreByteForByteTest {

    private static final String COUCH = "home/ubuntu/cht/couchdb/";
    private static final String APPENDED = "shards/00000000-15555554/medic.1795666429.couch";
    private static final String VIEW = ".shards/00000000-15555554/medic.1795666429_design/mrview/"
            + "737ecb8792732706ad860ad6313c17c8.view";
    private static final String COMPACTED = "shards/15555555-2aaaaaa9/medic.1795666429.couch";
    private static final String PUT_BACK = "shards/2aaaaaaa-3ffffffe/medic.1795666429.couch";
    private static final int BLOCK = 4096;

    @TempDir
    Path tmp;

    @Test
    void tailReadsRestoreLikeFullReadsAfterAppendsCompactionAPutBackCopyAndWritesDuringTheRead() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        Path couch = host.resolve(COUCH);
        byte[] older = Files.readAllBytes(couch.resolve(PUT_BACK));
        commit(couch.resolve(PUT_BACK), 30, 1);
        try (Pipeline pipeline = Pipeline.withSettings(host, List.of(),
                // small chunks, so that the fixture's files are many chunks long and a tail read keeps most of them
                "collector.chunking.min=2048", "collector.chunking.average=8192", "collector.chunking.max=32768",
                "collector.packing.target-bytes=65536")) {
            DrillRunner drills = pipeline.verify.getBean(DrillRunner.class);
            SampleSnapshot first = SampleSnapshot.take(pipeline);
            assertThat(first.progress.readInFull()).containsEntry("couchdb-data/" + APPENDED,
                    "first read since the collector started");
            first.awaitIndexed();

            commit(couch.resolve(APPENDED), 20, 2);
            commit(couch.resolve(VIEW), 5, 3);
            Path compact = couch.resolve(COMPACTED + ".compact.data");
            Files.copy(couch.resolve(COMPACTED), compact);
            commit(compact, 3, 4);
            Files.move(compact, couch.resolve(COMPACTED), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel file = FileChannel.open(couch.resolve(PUT_BACK), StandardOpenOption.WRITE)) {
                file.truncate(0).write(java.nio.ByteBuffer.wrap(older));
            }
            SampleSnapshot second = SampleSnapshot.take(pipeline);

            assertThat(second.progress.readInFull())
                    .doesNotContainKeys("couchdb-data/" + APPENDED, "couchdb-data/" + VIEW)
                    .containsEntry("couchdb-data/" + COMPACTED,
                            "another file under this name (compacted, restored or replaced)")
                    .hasEntrySatisfying("couchdb-data/" + PUT_BACK, why -> assertThat(why).startsWith("shrank"));
            assertThat(second.progress.filesFromTail()).isPositive();
            assertThat(second.progress.bytesKept()).isPositive();
            for (DrillCompleted drill : second.drills) {
                assertThat(drill.failures()).as("drill of %s", drill.location()).isEmpty();
                Trees.assertSameTree(couch, drills.restoredPath(drill).resolve("couchdb-data"));
            }
            second.awaitIndexed();

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger commits = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    commit(couch.resolve(APPENDED), 2, 100 + commits.incrementAndGet());
                }
            });
            writer.start();
            SampleSnapshot third;
            try {
                third = SampleSnapshot.take(pipeline);
            } finally {
                writing.set(false);
                writer.join();
            }

            assertThat(commits.get()).isPositive();
            byte[] live = Files.readAllBytes(couch.resolve(APPENDED));
            for (DrillCompleted drill : third.drills) {
                assertThat(drill.failures()).as("drill of %s", drill.location()).isEmpty();
                Path restored = drills.restoredPath(drill).resolve("couchdb-data");
                byte[] copy = Files.readAllBytes(restored.resolve(APPENDED));
                assertThat(copy.length).isGreaterThanOrEqualTo(older.length);
                assertThat(copy).as("the copy is the live file as it was when read: a prefix of it now")
                        .isEqualTo(Arrays.copyOf(live, copy.length));
                Files.write(restored.resolve(APPENDED), live);
                Trees.assertSameTree(couch, restored);
            }
        }
    }

    /** Appends {@code blocks} data blocks and a copy of the file's last header, as couch_file commits. */
    private static void commit(Path file, int blocks, long seed) {
        try {
            byte[] all = Files.readAllBytes(file);
            int header = (all.length - 1) / BLOCK * BLOCK;
            while (all[header] != 1) {
                header -= BLOCK;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[(BLOCK - all.length % BLOCK) % BLOCK]);
            Random random = new Random(seed);
            for (int i = 0; i < blocks; i++) {
                byte[] block = new byte[BLOCK];
                random.nextBytes(block);
                block[0] = 0;
                out.write(block);
            }
            out.write(all, header, all.length - header);
            Files.write(file, out.toByteArray(), StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
