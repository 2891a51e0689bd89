package org.chtbackup.couchdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockFileTest {

    @Test
    void physicalLengthFollowsCouchFileRule() {
        assertThat(BlockFile.physicalLength(0, 10)).isEqualTo(11);
        assertThat(BlockFile.physicalLength(100, 10)).isEqualTo(10);
        assertThat(BlockFile.physicalLength(4090, 6)).isEqualTo(6);
        assertThat(BlockFile.physicalLength(4090, 7)).isEqualTo(8);
        assertThat(BlockFile.physicalLength(1, 4095 + 4095)).isEqualTo(4095 + 1 + 4095);
        assertThat(BlockFile.physicalLength(1, 4095 + 4096)).isEqualTo(4095 + 1 + 4095 + 1 + 1);
    }

    @Test
    void aLengthWordLargerThanAnyCouchDbChunkIsDamageNotAnAllocation(@TempDir Path dir) throws Exception {
        // A sparse 512 MiB file whose first chunk claims 300 MiB: believing it would need 600 MiB of heap.
        Path file = dir.resolve("huge.couch");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(512L << 20);
            raf.seek(4097);
            raf.writeInt(300 << 20);
        }
        try (BlockFile blocks = BlockFile.open(file)) {
            assertThatThrownBy(() -> blocks.readChunk(4097)).isInstanceOf(CouchFormatException.class)
                    .hasMessageContaining("more than the " + BlockFile.MAX_CHUNK_BYTES);
            assertThatThrownBy(() -> blocks.readPayload(4097, 300 << 20)).isInstanceOf(CouchFormatException.class)
                    .hasMessageContaining("more than the " + BlockFile.MAX_CHUNK_BYTES);
        }
    }

    @Test
    void xxh3MatchesTheVectorsCouchDbTests() {
        // From src/exxhash/test/exxhash_tests.erl: empty input and a single zero byte.
        assertThat(HexFormat.of().withUpperCase().formatHex(Checksum.xxh3(new byte[0], 0, 0)))
                .isEqualTo("99AA06D3014798D86001C324468D497F");
        assertThat(HexFormat.of().withUpperCase().formatHex(Checksum.xxh3(new byte[1], 0, 1)))
                .isEqualTo("A6CD5E9392000F6AC44BDFF4074EECDB");
        byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
        assertThat(Checksum.verify(data, 0, 3, Checksum.md5(data, 0, 3))).isEqualTo(Checksum.MD5);
        assertThat(Checksum.verify(data, 0, 3, Checksum.xxh3(data, 0, 3))).isEqualTo(Checksum.XXH3_128);
        assertThat(Checksum.verify(data, 0, 3, new byte[16])).isNull();
    }
}
