package org.chtbackup.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.manifest.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chtbackup.contracts.testing.SharedFixtures;

class SecondSnapshotSendsOnlyNewChunksTest {

    private static final String SHARD = "home/ubuntu/cht/couchdb/shards/00000000-7fffffff/medic-big.1.couch";

    @TempDir
    Path tmp;
    Path host;

    @BeforeEach
    void host() throws Exception {
        host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        byte[] data = new byte[8 * 1024 * 1024];
        new Random(11).nextBytes(data);
        Files.createDirectories(host.resolve(SHARD).getParent());
        Files.write(host.resolve(SHARD), data);
    }

    @Test
    void onceStoredInEveryLocationOnlyChunksOfTheAppendAreSentAgain() throws Exception {
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, null);
        assertThat(collector.snapshot("s1").failure()).isNull();
        Manifest first = sink.manifests().get(0);
        stored(collector, "s1", "primary", "offsite", "nas");

        byte[] appended = new byte[80 * 1024];
        new Random(12).nextBytes(appended);
        Files.write(host.resolve(SHARD), appended, StandardOpenOption.APPEND);
        SnapshotResult second = collector.snapshot("s2");

        assertThat(second.failure()).isNull();
        Manifest manifest = sink.manifests().get(1);
        Set<String> firstIds = new HashSet<>(first.chunkIds());
        Set<String> fileList = new HashSet<>(sink.bodyChunks("s2"));
        List<String> sent = sink.chunks("s2").stream().map(RecordingSink.Chunk::id)
                .filter(id -> !fileList.contains(id)).toList();
        assertThat(sent).as("every chunk sent is new").noneMatch(firstIds::contains);
        assertThat(manifest.chunkIds()).as("every new chunk of the manifest was sent")
                .filteredOn(id -> !firstIds.contains(id)).containsExactlyInAnyOrderElementsOf(sent);
        long sentBytes = sink.chunks("s2").stream().filter(c -> !fileList.contains(c.id()))
                .mapToLong(c -> c.plaintext().length).sum();
        assertThat(sentBytes).as("bytes sent: the append plus the re-cut tail chunk")
                .isGreaterThanOrEqualTo(appended.length).isLessThan(appended.length + 1024 * 1024);
        assertThat(second.bytesRead()).as("the shard's chunks before its old last one are not read again")
                .isLessThan(manifest.totalBytes() - 6 * 1024 * 1024);
    }

    @Test
    void aSnapshotStoredInFewerLocationsThanRequiredIsSentAgainInFull() throws Exception {
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, null);
        collector.snapshot("s1");
        stored(collector, "s1", "primary", "offsite", "primary");

        collector.snapshot("s2");

        assertThat(sink.chunks("s2")).hasSameSizeAs(sink.chunks("s1"));
    }

    @Test
    void theIndexOutlivesTheProcessAndEventsOfOtherDeploymentsAreIgnored() throws Exception {
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, null);
        collector.snapshot("s1");
        for (String location : List.of("a", "b", "c")) {
            collector.acks.stored(new SnapshotStored(SnapshotStored.VERSION, "other-clinic", "s1", location, "k", 1,
                    Instant.now()));
        }
        assertThat(collector.index.size()).isZero();
        stored(collector, "s1", "a", "b", "c");

        TestCollector restarted = new TestCollector(host, tmp.resolve("state"), sink, null);
        restarted.snapshot("s2");

        assertThat(restarted.index.size()).as("data chunks and the manifest's file list chunks")
                .isEqualTo(new HashSet<>(sink.manifests().get(0).chunkIds()).size() + sink.bodyChunks("s1").size());
        assertThat(sink.chunks("s2")).isEmpty();
    }

    private static void stored(TestCollector collector, String snapshotId, String... locations) {
        for (String location : locations) {
            collector.acks.stored(new SnapshotStored(SnapshotStored.VERSION, TestCollector.DEPLOYMENT, snapshotId,
                    location, "k", 1, Instant.now()));
        }
    }
}
