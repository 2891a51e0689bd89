package org.chtbackup.collector.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FastCdcChunkerTest {

    private static final ChunkSizes SIZES = new ChunkSizes(2048, 8192, 32768);

    @Test
    void chunksSeenInPlaceAreTheCopiedChunksAndTogetherTheWholeInput() throws IOException {
        byte[] input = new byte[300_000];
        new Random(11).nextBytes(input);

        List<byte[]> copied = new ArrayList<>();
        FastCdcChunker byCopy = new FastCdcChunker(new ByteArrayInputStream(input), SIZES);
        for (byte[] chunk = byCopy.next(); chunk != null; chunk = byCopy.next()) {
            copied.add(chunk);
        }
        List<byte[]> inPlace = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        FastCdcChunker byView = new FastCdcChunker(new ByteArrayInputStream(input), SIZES);
        for (int length = byView.advance(); length >= 0; length = byView.advance()) {
            inPlace.add(Arrays.copyOfRange(byView.array(), byView.offset(), byView.offset() + length));
            joined.write(byView.array(), byView.offset(), length);
        }

        assertThat(copied).hasSizeGreaterThan(10);
        assertThat(inPlace).hasSameSizeAs(copied);
        for (int i = 0; i < copied.size(); i++) {
            assertThat(inPlace.get(i)).as("chunk %d", i).isEqualTo(copied.get(i));
            assertThat(copied.get(i).length).isBetween(1, SIZES.max());
        }
        assertThat(joined.toByteArray()).isEqualTo(input);
        assertThat(byView.advance()).isEqualTo(-1);
    }
}
