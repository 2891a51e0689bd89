package org.chtbackup.contracts.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.chtbackup.contracts.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks compress into independent zstd frames: each reads back alone, and stock zstd reads their concatenation. */
class ZstdFramesTest {

    static final byte[] A = "{\"type\":\"person\",\"name\":\"x\"}\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
    static final byte[] B = "{\"type\":\"data_record\",\"form\":\"y\"}\n".repeat(3000).getBytes(StandardCharsets.UTF_8);

    @Test
    void eachFrameDecompressesAloneFromItsPlaceInThePack() {
        ZstdFrames zstd = new ZstdFrames(3);
        byte[] pack = new byte[ZstdFrames.bound(A.length) + ZstdFrames.bound(B.length)];
        int a = zstd.compress(A, 0, A.length, pack, 0);
        int b = zstd.compress(B, 0, B.length, pack, a);

        byte[] outB = new byte[B.length];
        ZstdFrames.decompress(pack, a, b, outB, 0, B.length);
        byte[] outA = new byte[A.length];
        ZstdFrames.decompress(pack, 0, a, outA, 0, A.length);

        assertThat(outA).isEqualTo(A);
        assertThat(outB).isEqualTo(B);
        assertThat(a + b).isLessThan((A.length + B.length) / 10);
    }

    @Test
    void aDamagedFrameOrAWrongLengthIsRefused() {
        ZstdFrames zstd = new ZstdFrames(1);
        byte[] pack = new byte[ZstdFrames.bound(A.length)];
        int n = zstd.compress(A, 0, A.length, pack, 0);

        assertThatThrownBy(() -> ZstdFrames.decompress(pack, 0, n, new byte[A.length + 5], 0, A.length + 5))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] damaged = pack.clone();
        damaged[1] ^= 0x55;
        assertThatThrownBy(() -> ZstdFrames.decompress(damaged, 0, n, new byte[A.length], 0, A.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zstd frame");
        assertThatThrownBy(() -> new ZstdFrames(0)).hasMessageContaining("outside 1..19");
    }

    @Test
    void stockZstdDecompressesAPackIntoItsChunksInOrder(@TempDir Path dir) throws Exception {
        Path zstdTool = Path.of("/usr/bin/zstd");
        Requirements.require(Files.isExecutable(zstdTool), "stock zstd is not installed at " + zstdTool);
        ZstdFrames zstd = new ZstdFrames(3);
        byte[] pack = new byte[ZstdFrames.bound(A.length) + ZstdFrames.bound(B.length)];
        int a = zstd.compress(A, 0, A.length, pack, 0);
        int b = zstd.compress(B, 0, B.length, pack, a);
        Path file = Files.write(dir.resolve("pack.zst"), Arrays.copyOf(pack, a + b));

        Process p = new ProcessBuilder(zstdTool.toString(), "-d", "-c", file.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();

        assertThat(p.waitFor()).isZero();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(A);
        expected.writeBytes(B);
        assertThat(out).isEqualTo(expected.toByteArray());
    }
}
