package org.chtbackup.collector.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkIndexSurvivesCrashesTest {

    private static final byte[] KEY = fingerprint(1);

    @TempDir
    Path tmp;

    @Test
    void idsAddedAreThereAfterReopening() {
        Path file = tmp.resolve("index");
        ChunkIndex.open(file, KEY).addAll(List.of(id(1), id(2)));

        ChunkIndex reopened = ChunkIndex.open(file, KEY);

        assertThat(reopened.contains(id(1))).isTrue();
        assertThat(reopened.contains(id(2))).isTrue();
        assertThat(reopened.contains(id(3))).isFalse();
    }

    @Test
    void aTornLastRecordIsDroppedAndTheRestKept() throws Exception {
        Path file = tmp.resolve("index");
        ChunkIndex.open(file, KEY).addAll(List.of(id(1), id(2)));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 5);
        }

        ChunkIndex reopened = ChunkIndex.open(file, KEY);
        assertThat(reopened.contains(id(1))).isTrue();
        assertThat(reopened.contains(id(2))).isFalse();

        reopened.addAll(List.of(id(3)));
        ChunkIndex again = ChunkIndex.open(file, KEY);
        assertThat(again.contains(id(1))).isTrue();
        assertThat(again.contains(id(3))).as("appended after the torn tail was cut off").isTrue();
    }

    @Test
    void aDamagedRecordIsDroppedNotMisread() throws Exception {
        Path file = tmp.resolve("index");
        ChunkIndex.open(file, KEY).addAll(List.of(id(1), id(2)));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 0x01; // inside the last id
        Files.write(file, bytes);

        ChunkIndex reopened = ChunkIndex.open(file, KEY);

        assertThat(reopened.size()).isEqualTo(1);
        assertThat(reopened.contains(id(1))).isTrue();
    }

    @Test
    void anIndexWrittenUnderAnotherDedupKeyIsStartedAfresh() {
        Path file = tmp.resolve("index");
        ChunkIndex.open(file, KEY).addAll(List.of(id(1)));

        ChunkIndex other = ChunkIndex.open(file, fingerprint(2));

        assertThat(other.size()).isZero();
        assertThat(other.contains(id(1))).isFalse();
    }

    private static String id(int seed) {
        byte[] b = new byte[32];
        new Random(seed).nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static byte[] fingerprint(int seed) {
        byte[] b = new byte[32];
        new Random(100 + seed).nextBytes(b);
        return b;
    }
}
