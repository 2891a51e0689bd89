package org.chtbackup.collector.packing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.chtbackup.contracts.packs.PackCompression;
import org.junit.jupiter.api.Test;

/**
 * A pack is sent once its compressed content reaches the target, and overshoots it by at most one chunk (the
 * bound the message-size check relies on), even for incompressible chunks of the largest size; every chunk is
 * found again at its location.
 */
class PacksStayWithinTheirBoundTest {

    @Test
    void incompressibleChunksOvershootByAtMostOneChunkAndComeBackFromTheirLocations() {
        List<byte[]> packs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        PartSink sink = new PartSink() {
            @Override
            public void send(String deploymentId, String snapshotId, PartKind kind, String objectId,
                             List<String> packIds, byte[] plaintext, int offset, int length, int listPieces) {
                packs.add(Arrays.copyOfRange(plaintext, offset, offset + length));
                ids.add(objectId);
            }

            @Override
            public void confirm() {
            }
        };
        PackSettings settings = new PackSettings(1 << 20, 3, PackCompression.Tuning.COUCHDB);
        PackBuilder builder = new PackBuilder(settings, sink, "clinic-7", "s1");
        Random random = new Random(9);
        List<byte[]> chunks = new ArrayList<>();
        List<ChunkLocation> locations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] chunk = new byte[i % 3 == 0 ? 512 * 1024 : 100_000 + i];
            random.nextBytes(chunk);
            chunks.add(chunk);
            locations.add(builder.add(chunk));
        }
        builder.flush();

        assertThat(packs).hasSizeGreaterThan(3);
        assertThat(packs).allSatisfy(p -> assertThat(p.length)
                .isLessThanOrEqualTo(settings.targetBytes() + PackCompression.growthBound(512 * 1024)));
        for (int i = 0; i < chunks.size(); i++) {
            ChunkLocation at = locations.get(i);
            byte[] pack = packs.get(ids.indexOf(at.packId()));
            byte[] content = PackCompression.decompress(pack, 0, pack.length, 64 << 20);
            assertThat(Arrays.copyOfRange(content, (int) at.offset(), (int) at.offset() + at.length()))
                    .as("chunk %d", i).isEqualTo(chunks.get(i));
        }
        assertThat(builder.packsSent()).isEqualTo(packs.size());
    }
}
