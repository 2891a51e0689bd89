package org.chtbackup.collector.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.chtbackup.contracts.packs.ChunkLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkIndexSurvivesCrashesTest {

    private static final byte[] KEY = fingerprint(1);

    @TempDir
    Path tmp;

    @Test
    void idsAddedAreThereAfterReopening() {
        Path file = tmp.resolve("index");
        ChunkIndex.open(file, KEY).addAll(located(1, 2));

        ChunkIndex reopened = ChunkIndex.open(file, KEY);

        assertThat(reopened.locate(id(1))).isEqualTo(at(1));
        assertThat(reopened.locate(id(2))).isEqualTo(at(2));
        assertThat(reopened.contains(id(3))).isFalse();
    }

    @Test
    void chunksOfPrunedPacksAreForgottenAndStayForgottenAfterReopening() {
        Path file = tmp.resolve("index");
        ChunkIndex index = ChunkIndex.open(file, KEY);
        index.addAll(located(1, 2, 3));

        int removed = index.removePacks(List.of(at(2).packId()));

        assertThat(removed).isEqualTo(1);
        assertThat(index.contains(id(2))).isFalse();
        ChunkIndex reopened = ChunkIndex.open(file, KEY);
        assertThat(reopened.contains(id(2))).isFalse();
        assertThat(reopened.locate(id(3))).isEqualTo(at(3));
        assertThat(reopened.size()).isEqualTo(2);
    }

    @Test
    void anIndexOfAnEarlierBuildWithoutPackLocationsIsStartedAfresh() throws Exception {
        Path file = tmp.resolve("index");
        byte[] v1 = "cht-backup chunk index v1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(file, java.nio.ByteBuffer.allocate(v1.length + 32 + 36).put(v1).put(KEY).array());

        assertThat(ChunkIndex.open(file, KEY).size()).isZero();
    }

    @Test
    void aTornLastRecordIsDroppedAndTheRestKept() throws Exception {
        Path file = tmp.resolve("index");
        ChunkIndex.open(file, KEY).addAll(located(1, 2));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 5);
        }

        ChunkIndex reopened = ChunkIndex.open(file, KEY);
        assertThat(reopened.contains(id(1))).isTrue();
        assertThat(reopened.contains(id(2))).isFalse();

        reopened.addAll(located(3));
        ChunkIndex again = ChunkIndex.open(file, KEY);
        assertThat(again.contains(id(1))).isTrue();
        assertThat(again.contains(id(3))).as("appended after the torn tail was cut off").isTrue();
    }

    @Test
    void aDamagedRecordIsDroppedNotMisread() throws Exception {
        Path file = tmp.resolve("index");
        ChunkIndex.open(file, KEY).addAll(located(1, 2));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 50] ^= 0x01; // inside the last record
        Files.write(file, bytes);

        ChunkIndex reopened = ChunkIndex.open(file, KEY);

        assertThat(reopened.size()).isEqualTo(1);
        assertThat(reopened.contains(id(1))).isTrue();
    }

    @Test
    void anIndexWrittenUnderAnotherDedupKeyIsStartedAfresh() {
        Path file = tmp.resolve("index");
        ChunkIndex.open(file, KEY).addAll(located(1));

        ChunkIndex other = ChunkIndex.open(file, fingerprint(2));

        assertThat(other.size()).isZero();
        assertThat(other.contains(id(1))).isFalse();
    }

    private static Map<String, ChunkLocation> located(int... seeds) {
        Map<String, ChunkLocation> map = new java.util.LinkedHashMap<>();
        for (int seed : seeds) {
            map.put(id(seed), at(seed));
        }
        return map;
    }

    private static ChunkLocation at(int seed) {
        return new ChunkLocation(id(1000 + seed), seed * 100L, 50 + seed);
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
