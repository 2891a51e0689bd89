package org.chtbackup.collector.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.events.PacksReleased;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A released pack's chunks leave the dedup index, on disk too; other packs and other deployments are untouched. */
class ReleasedPacksAreForgottenTest {

    private static final byte[] KEY = new byte[32];

    @TempDir
    Path tmp;

    private static String hex(int n) {
        byte[] b = new byte[32];
        b[31] = (byte) n;
        b[30] = (byte) (n >> 8);
        return HexFormat.of().formatHex(b);
    }

    private static PacksReleased released(String deployment, int... packs) {
        return new PacksReleased(PacksReleased.VERSION, deployment, "nas",
                java.util.Arrays.stream(packs).mapToObj(ReleasedPacksAreForgottenTest::hex).toList(), Instant.now());
    }

    @Test
    void chunksInReleasedPacksAreSentAgainAfterARestart() {
        Path file = tmp.resolve("chunk-index");
        ChunkIndex index = ChunkIndex.open(file, KEY);
        String a1 = hex(1);
        String a2 = hex(2);
        String b1 = hex(3);
        index.addAll(Map.of(a1, new ChunkLocation(hex(100), 0, 10), a2, new ChunkLocation(hex(100), 10, 10),
                b1, new ChunkLocation(hex(200), 0, 10)));
        ReleasedPacks releases = new ReleasedPacks("clinic-1", index);

        releases.released(released("clinic-2", 100));
        assertThat(index.size()).as("another deployment's prune").isEqualTo(3);

        releases.released(released("clinic-1", 100, 300));
        releases.released(released("clinic-1", 100));

        assertThat(index.locate(a1)).isNull();
        assertThat(index.locate(a2)).isNull();
        assertThat(index.locate(b1)).isEqualTo(new ChunkLocation(hex(200), 0, 10));
        ChunkIndex reopened = ChunkIndex.open(file, KEY);
        assertThat(reopened.size()).isEqualTo(1);
        assertThat(reopened.contains(b1)).isTrue();
        assertThat(List.of(a1, a2)).noneMatch(reopened::contains);
    }
}
