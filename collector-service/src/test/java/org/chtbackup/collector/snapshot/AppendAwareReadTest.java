package org.chtbackup.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.chtbackup.collector.appends.AppendReadSettings;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.discovery.ConfiguredPathsDiscovery;
import org.chtbackup.contracts.events.SnapshotCompleted;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.testing.SettableClock;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CouchDB file read before is read again from its last chunk only, and the entry is the one a full read of the
 * same bytes gives; anything that breaks the append-only assumption either makes the read a full one, with the
 * reason, or is caught by the scheduled full read.
 */
class AppendAwareReadTest {

    private static final String SHARD = "home/ubuntu/cht/couchdb/shards/00000000-7fffffff/medic-big.1.couch";
    private static final String KEY = "couchdb-data/shards/00000000-7fffffff/medic-big.1.couch";
    private static final int SIZE = 8 * 1024 * 1024;

    @TempDir
    Path tmp;
    Path host;
    final SettableClock clock = new SettableClock(Instant.parse("2026-12-05T00:00:00Z"));
    final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void host() throws Exception {
        host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        Files.createDirectories(host.resolve(SHARD).getParent());
        Files.write(host.resolve(SHARD), random(SIZE, 1));
    }

    @Test
    void anAppendIsReadFromTheLastChunkOnAndGivesTheEntryOfAFullRead() throws Exception {
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        SnapshotProgress first = snapshot(collector, "s1");
        assertThat(first.readInFull()).containsEntry(KEY, "first read since the collector started");
        storedEverywhere(collector, "s1");

        Files.write(host.resolve(SHARD), random(200 * 1024, 2), StandardOpenOption.APPEND);
        SnapshotProgress second = snapshot(collector, "s2");

        assertThat(second.readInFull()).doesNotContainKey(KEY);
        assertThat(second.filesFromTail()).isPositive();
        long others = manifest("s2").totalBytes() - entry("s2", KEY).size();
        assertThat(second.bytesRead()).as("the other (small) files, then of the shard only the append, its old last"
                + " chunk (at most 512 KiB) and five 4 KiB windows re-hashed")
                .isLessThan(others + 200 * 1024 + 512 * 1024 + 5 * 4096);
        assertThat(second.bytesKept()).isGreaterThan(SIZE - 512 * 1024);
        assertThat(entry("s2", KEY)).isEqualTo(fullRead(KEY));
        assertThat(restored("s2", KEY)).isEqualTo(Files.readAllBytes(host.resolve(SHARD)));
        SnapshotCompleted completed = collector.events.completed.get(1);
        assertThat(completed.version()).isEqualTo(2);
        assertThat(completed.bytesKept()).isEqualTo(second.bytesKept());
        assertThat(completed.appendMismatches()).isEmpty();
    }

    @Test
    void anUnchangedFileIsCheckedByThreeSmallWindowsAndKeptWhole() throws Exception {
        try (var files = Files.walk(host.resolve("home/ubuntu/cht/couchdb"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.equals(host.resolve(SHARD))) {
                    Files.delete(f);
                }
            }
        }
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        snapshot(collector, "s1");
        storedEverywhere(collector, "s1");

        SnapshotProgress second = snapshot(collector, "s2");

        long config = manifest("s2").totalBytes() - entry("s2", KEY).size();
        assertThat(second.bytesRead()).as("the config files, then three 4 KiB windows of the only CouchDB file")
                .isEqualTo(config + 3 * 4096);
        assertThat(second.readInFull()).doesNotContainKey(KEY);
        assertThat(entry("s2", KEY)).isEqualTo(entry("s1", KEY)).isEqualTo(fullRead(KEY));
    }

    @Test
    void keptChunksThatNoLocationHoldsYetAreReadAgainAtTheirOffsetAndSent() throws Exception {
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        snapshot(collector, "s1");
        Files.write(host.resolve(SHARD), random(100 * 1024, 3), StandardOpenOption.APPEND);

        SnapshotProgress second = snapshot(collector, "s2");

        assertThat(second.readInFull()).doesNotContainKey(KEY);
        assertThat(entry("s2", KEY)).isEqualTo(fullRead(KEY));
        Map<String, byte[]> sentInS2 = new HashMap<>();
        sink.chunks("s2").forEach(c -> sentInS2.put(c.id(), c.plaintext()));
        assertThat(sentInS2.keySet()).as("s1 is not stored anywhere yet, so s2 sends every chunk again")
                .containsAll(entry("s2", KEY).chunks());
        assertThat(restored("s2", KEY)).isEqualTo(Files.readAllBytes(host.resolve(SHARD)));
    }

    @Test
    void aCompactedFileUnderTheSameNameIsReadInFull() throws Exception {
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        snapshot(collector, "s1");
        Path compact = host.resolve(SHARD + ".compact.data");
        Files.write(compact, random(SIZE + 4096, 4));
        Files.move(compact, host.resolve(SHARD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        SnapshotProgress second = snapshot(collector, "s2");

        assertThat(second.readInFull()).containsEntry(KEY,
                "another file under this name (compacted, restored or replaced)");
        assertThat(entry("s2", KEY)).isEqualTo(fullRead(KEY));
    }

    @Test
    void aShrunkFileIsReadInFull() throws Exception {
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        snapshot(collector, "s1");
        try (FileChannel file = FileChannel.open(host.resolve(SHARD), StandardOpenOption.WRITE)) {
            file.truncate(SIZE / 2);
        }

        SnapshotProgress second = snapshot(collector, "s2");

        assertThat(second.readInFull()).containsEntry(KEY, "shrank from " + SIZE + " to " + SIZE / 2 + " bytes");
        assertThat(entry("s2", KEY)).isEqualTo(fullRead(KEY));
    }

    @Test
    void earlierBytesRewrittenInPlaceAreSeenByTheRehashAndReadInFull() throws Exception {
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        snapshot(collector, "s1");
        overwrite(100, random(64, 5));
        Files.write(host.resolve(SHARD), random(4096, 6), StandardOpenOption.APPEND);

        SnapshotProgress second = snapshot(collector, "s2");

        assertThat(second.readInFull()).containsEntry(KEY, "earlier bytes changed");
        assertThat(entry("s2", KEY)).isEqualTo(fullRead(KEY));
        assertThat(restored("s2", KEY)).isEqualTo(Files.readAllBytes(host.resolve(SHARD)));
    }

    @Test
    void theScheduledFullReadFindsAChangeTheShortcutCannotSeeAndCountsIt() throws Exception {
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        snapshot(collector, "s1");
        clock.advance(Duration.ofHours(25));
        Files.write(host.resolve(SHARD), random(4096, 7), StandardOpenOption.APPEND);
        SnapshotProgress scheduled = snapshot(collector, "s2");
        assertThat(scheduled.readInFull()).containsEntry(KEY, "scheduled full read (every PT24H)");
        assertThat(scheduled.appendMismatches()).as("an append alone is what the shortcut assumes").isEmpty();

        // Not CouchDB's behaviour: bytes in the middle rewritten in place, same inode, neither re-hashed chunk, and
        // every chunk already stored (a kept chunk that is not is read again, which would see the change).
        storedEverywhere(collector, "s2");
        overwrite(SIZE / 2, random(64, 8));
        clock.advance(Duration.ofHours(1));
        SnapshotProgress blind = snapshot(collector, "s3");
        assertThat(blind.readInFull()).doesNotContainKey(KEY);
        assertThat(entry("s3", KEY)).as("the shortcut's blind spot").isNotEqualTo(fullRead(KEY));

        clock.advance(Duration.ofHours(24));
        SnapshotProgress caught = snapshot(collector, "s4");

        assertThat(caught.readInFull()).containsKey(KEY);
        assertThat(caught.appendMismatches()).containsExactly(KEY);
        assertThat(collector.runner.appendMismatches()).isEqualTo(1);
        assertThat(collector.events.completed.get(3).appendMismatches()).containsExactly(KEY);
        assertThat(entry("s4", KEY)).isEqualTo(fullRead(KEY));
    }

    @Test
    void aRequestedFullReadReadsEverythingAndComparesAtOnce() throws Exception {
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        snapshot(collector, "s1");
        storedEverywhere(collector, "s1");
        Files.write(host.resolve(SHARD), random(4096, 10), StandardOpenOption.APPEND);
        SnapshotProgress appended = new SnapshotProgress();
        assertThat(collector.runner.run("s2", appended, true).failure()).isNull();
        assertThat(appended.readInFull()).containsEntry(KEY, "full read requested");
        assertThat(appended.filesFromTail()).isZero();
        assertThat(appended.appendMismatches()).isEmpty();
        storedEverywhere(collector, "s2");

        overwrite(SIZE / 2, random(64, 11));
        SnapshotProgress requested = new SnapshotProgress();
        assertThat(collector.runner.run("s3", requested, true).failure()).isNull();

        assertThat(requested.appendMismatches()).containsExactly(KEY);
        assertThat(entry("s3", KEY)).isEqualTo(fullRead(KEY));
    }

    @Test
    void appendsWhileTheTailIsReadGiveAConsistentPrefix() throws Exception {
        TestCollector collector = collector(AppendReadSettings.DEFAULT);
        snapshot(collector, "s1");
        AtomicInteger appends = new AtomicInteger();
        sink.onPack(part -> {
            if (part.snapshotId().equals("s2") && appends.incrementAndGet() <= 40) {
                try {
                    Files.write(host.resolve(SHARD), random(16 * 1024, 100 + appends.get()),
                            StandardOpenOption.APPEND);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        SnapshotProgress second = snapshot(collector, "s2");

        FileEntry entry = entry("s2", KEY);
        assertThat(second.readInFull()).doesNotContainKey(KEY);
        assertThat(appends.get()).isPositive();
        byte[] prefix = java.util.Arrays.copyOf(Files.readAllBytes(host.resolve(SHARD)), (int) entry.size());
        assertThat(entry.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(prefix)));
        assertThat(restored("s2", KEY)).isEqualTo(prefix);
    }

    @Test
    void aRestartedCollectorOrOneWithAppendReadsOffReadsEverything() throws Exception {
        snapshot(collector(AppendReadSettings.DEFAULT), "s1");
        Files.write(host.resolve(SHARD), random(4096, 9), StandardOpenOption.APPEND);

        SnapshotProgress restarted = snapshot(collector(AppendReadSettings.DEFAULT), "s2");
        SnapshotProgress off = snapshot(collector(new AppendReadSettings(false, Duration.ofHours(24))), "s3");

        assertThat(restarted.readInFull()).containsEntry(KEY, "first read since the collector started");
        assertThat(off.readInFull()).containsEntry(KEY, "append reads are off");
        assertThat(off.bytesKept()).isZero();
        assertThat(entry("s2", KEY)).isEqualTo(entry("s3", KEY));
    }

    private TestCollector collector(AppendReadSettings settings) {
        return new TestCollector(() -> new ConfiguredPathsDiscovery(host, Path.of("/home/ubuntu/cht/upgrade-service/.env"),
                Path.of("/nginx-private"), null, null).discover(), tmp.resolve("state"), sink, ChunkSizes.DEFAULT,
                TestCollector.PACKING, TestCollector.MAX_MESSAGE_BYTES, clock, settings);
    }

    private static SnapshotProgress snapshot(TestCollector collector, String id) {
        SnapshotProgress progress = new SnapshotProgress();
        assertThat(collector.snapshot(id, progress).failure()).isNull();
        return progress;
    }

    private void storedEverywhere(TestCollector collector, String snapshotId) {
        for (String location : List.of("primary", "offsite", "nas")) {
            collector.acks.stored(new SnapshotStored(SnapshotStored.VERSION, TestCollector.DEPLOYMENT, snapshotId,
                    location, "k", 1, Instant.now()));
        }
    }

    /** The entry a collector that never read the file before makes of it now. */
    private FileEntry fullRead(String key) {
        RecordingSink own = new RecordingSink();
        TestCollector fresh = new TestCollector(() -> new ConfiguredPathsDiscovery(host,
                Path.of("/home/ubuntu/cht/upgrade-service/.env"), Path.of("/nginx-private"), null, null).discover(),
                tmp.resolve("fresh-" + System.nanoTime()), own, ChunkSizes.DEFAULT, TestCollector.PACKING,
                TestCollector.MAX_MESSAGE_BYTES, clock, new AppendReadSettings(false, Duration.ofHours(24)));
        assertThat(fresh.snapshot("full").failure()).isNull();
        return find(own.manifests().get(0), key);
    }

    private FileEntry entry(String snapshotId, String key) {
        return find(manifest(snapshotId), key);
    }

    private Manifest manifest(String snapshotId) {
        return sink.manifests().stream().filter(m -> m.snapshotId().equals(snapshotId)).findFirst().orElseThrow();
    }

    private static FileEntry find(Manifest manifest, String key) {
        return manifest.files().stream().filter(f -> (f.root().folder() + "/" + f.path()).equals(key)).findFirst()
                .orElseThrow();
    }

    /** The file put together from the chunks any snapshot sent, as a restore would. */
    private byte[] restored(String snapshotId, String key) throws Exception {
        Map<String, byte[]> chunks = new HashMap<>();
        for (Manifest manifest : sink.manifests()) {
            sink.chunks(manifest.snapshotId()).forEach(c -> chunks.put(c.id(), c.plaintext()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String id : entry(snapshotId, key).chunks()) {
            out.write(chunks.get(id));
        }
        return out.toByteArray();
    }

    private void overwrite(long position, byte[] bytes) throws Exception {
        try (FileChannel file = FileChannel.open(host.resolve(SHARD), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(bytes), position);
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
