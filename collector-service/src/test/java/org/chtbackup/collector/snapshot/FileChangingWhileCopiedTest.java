package org.chtbackup.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * Files change while the collector reads them: the sink's callback runs between two chunks of a file, so each
 * change lands mid-copy, deterministically.
 */
class FileChangingWhileCopiedTest {

    private static final String SHARD = "home/ubuntu/cht/couchdb/shards/00000000-7fffffff/medic-big.1.couch";

    @TempDir
    Path tmp;
    Path host;
    Path big;

    @BeforeEach
    void host() throws IOException {
        host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        big = host.resolve(SHARD);
        Files.createDirectories(big.getParent());
        byte[] data = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(data);
        Files.write(big, data);
    }

    @Test
    void aDatabaseTruncatedMidCopyIsReadAgainAndRecordedAsItIsNow() throws IOException {
        AtomicInteger chunksOfBig = new AtomicInteger();
        RecordingSink sink = new RecordingSink().onPack(p -> {
            if (isFromBig(p) && chunksOfBig.incrementAndGet() == 1) {
                truncate(big, 100_000);
            }
        });
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, null);

        SnapshotResult result = collector.snapshot("s1");

        assertThat(result.failure()).isNull();
        FileEntry entry = entry(sink.manifests().get(0), "shards/00000000-7fffffff/medic-big.1.couch");
        assertThat(entry.size()).isEqualTo(100_000);
        assertThat(entry.sha256()).isEqualTo(sha256(Files.readAllBytes(big)));
    }

    @Test
    void aDatabaseGrowingMidCopyIsKeptUpToTheBytesRead() throws IOException {
        AtomicInteger chunks = new AtomicInteger();
        byte[] before = Files.readAllBytes(big);
        RecordingSink sink = new RecordingSink().onPack(p -> {
            if (isFromBig(p) && chunks.incrementAndGet() == 1) {
                append(big, new byte[2 * 1024 * 1024]);
            }
        });
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, null);

        SnapshotResult result = collector.snapshot("s1");

        assertThat(result.failure()).isNull();
        FileEntry entry = entry(sink.manifests().get(0), "shards/00000000-7fffffff/medic-big.1.couch");
        byte[] now = Files.readAllBytes(big);
        assertThat(entry.size()).isGreaterThanOrEqualTo(before.length).isLessThanOrEqualTo(now.length);
        assertThat(entry.sha256()).isEqualTo(sha256(java.util.Arrays.copyOf(now, (int) entry.size())));
    }

    @Test
    void aConfigFileThatKeepsChangingFailsTheSnapshotAndNoManifestIsSent() throws Exception {
        Path env = host.resolve("home/ubuntu/cht/upgrade-service/.env");
        Path notes = host.resolve("home/ubuntu/cht/upgrade-service/notes.yml");
        byte[] text = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(text);
        Files.write(notes, text);
        // notes.yml keeps growing for as long as the snapshot runs: every attempt to copy it sees it change.
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, null);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            while (!done.get()) {
                append(notes, new byte[10]);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        writer.start();
        SnapshotResult result;
        try {
            result = collector.snapshot("s1");
        } finally {
            done.set(true);
            writer.join();
        }

        assertThat(result.failure()).contains("upgrade-service/notes.yml").contains("changed while read")
                .contains("3 attempts");
        assertThat(sink.parts).noneMatch(p -> p.kind() == PartKind.MANIFEST);
        assertThat(collector.events.completed).isEmpty();
        assertThat(collector.events.failed).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(result.failure()));
        assertThat(Files.readString(env)).contains("COUCHDB_PASSWORD");
    }

    @Test
    void aDatabaseDeletedBeforeItIsCopiedIsLeftOutAndCounted() throws IOException {
        Path doomed = host.resolve("home/ubuntu/cht/couchdb/shards/80000000-ffffffff/zz-doomed.1.couch");
        Files.write(doomed, new byte[1000]);
        RecordingSink sink = new RecordingSink().onPack(p -> {
            if (isFromBig(p)) {
                try {
                    Files.deleteIfExists(doomed);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        TestCollector collector = new TestCollector(host, tmp.resolve("state"), sink, null);

        SnapshotResult result = collector.snapshot("s1");

        assertThat(result.failure()).isNull();
        assertThat(sink.manifests().get(0).files()).extracting(FileEntry::path)
                .doesNotContain("shards/80000000-ffffffff/zz-doomed.1.couch")
                .contains("shards/00000000-7fffffff/medic-big.1.couch");
        assertThat(collector.events.completed).singleElement()
                .satisfies(c -> assertThat(c.filesVanished()).isEqualTo(1));
    }

    private boolean isFromBig(RecordingSink.Part part) {
        try {
            byte[] head = new byte[64];
            try (var in = Files.newInputStream(big)) {
                int n = in.readNBytes(head, 0, 64);
                return n == 64 && holds(part.raw(), head);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a pack's chunks include the start of the file (a pack may begin with the previous file's tail). */
    private static boolean holds(byte[] packed, byte[] fileStart) {
        return SharedFixtures.indexOf(packed, fileStart) >= 0;
    }

    private static FileEntry entry(Manifest manifest, String path) {
        return manifest.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    private static void truncate(Path file, long size) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
