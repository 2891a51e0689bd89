package org.chtbackup.collector.appends;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadHistoryTest {

    private static final Instant READ_AT = Instant.parse("2026-12-05T00:00:00Z");
    private static final String ID = "ab".repeat(32);

    @TempDir
    Path tmp;

    @Test
    void resumesOnlyTheSameFileNotShrunkAndNotDue() throws Exception {
        ReadHistory history = new ReadHistory(AppendReadSettings.DEFAULT);
        FileRead read = read("inode-1", 10);
        assertThat(history.decide("a.couch", "inode-1", 10, READ_AT)).isEqualTo(
                new ReadHistory.ReadInFull("first read since the collector started", null));
        history.remember("a.couch", read);

        assertThat(history.decide("a.couch", "inode-1", 10, READ_AT.plusSeconds(60)))
                .isEqualTo(new ReadHistory.Resume(read));
        assertThat(history.decide("a.couch", "inode-1", 4000, READ_AT.plusSeconds(60)))
                .isEqualTo(new ReadHistory.Resume(read));
        assertThat(history.decide("a.couch", "inode-2", 10, READ_AT)).isEqualTo(new ReadHistory.ReadInFull(
                "another file under this name (compacted, restored or replaced)", null));
        assertThat(history.decide("a.couch", "inode-1", 9, READ_AT))
                .isEqualTo(new ReadHistory.ReadInFull("shrank from 10 to 9 bytes", null));
        assertThat(history.decide("a.couch", "inode-1", 10, READ_AT.plus(Duration.ofHours(24)))).isEqualTo(
                new ReadHistory.ReadInFull("scheduled full read (every PT24H)", read));

        history.retainOnly(Set.of("b.couch"));
        assertThat(history.decide("a.couch", "inode-1", 10, READ_AT)).isInstanceOf(ReadHistory.ReadInFull.class);
    }

    @Test
    void fullReadsOfAHostsFilesComeDueSpreadOverTheLastQuarterOfThePeriod() {
        ReadHistory history = new ReadHistory(AppendReadSettings.DEFAULT);
        Set<Instant> due = new HashSet<>();
        for (int shard = 0; shard < 100; shard++) {
            Instant at = history.fullReadDue("couchdb-data/shards/" + shard + "/medic.1.couch", READ_AT);
            assertThat(at).isBetween(READ_AT.plus(Duration.ofHours(18)), READ_AT.plus(Duration.ofHours(24)));
            due.add(at);
        }
        assertThat(due).hasSizeGreaterThan(90);
    }

    @Test
    void offMeansEveryReadIsAFullOne() throws Exception {
        ReadHistory history = new ReadHistory(new AppendReadSettings(false, Duration.ofHours(24)));
        history.remember("a.couch", read("inode-1", 10));
        assertThat(history.decide("a.couch", "inode-1", 10, READ_AT))
                .isEqualTo(new ReadHistory.ReadInFull("append reads are off", null));
    }

    private FileRead read(Object key, int size) throws Exception {
        Path file = Files.write(tmp.resolve("f" + System.nanoTime()), new byte[size]);
        try (FileChannel channel = FileChannel.open(file)) {
            return FileRead.of(channel, key, size, List.of(ID), new long[] {size}, "00".repeat(32),
                    MessageDigest.getInstance("SHA-256"), READ_AT, n -> { });
        }
    }
}
