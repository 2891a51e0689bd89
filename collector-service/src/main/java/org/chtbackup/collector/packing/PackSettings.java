package org.chtbackup.collector.packing;

import java.util.Objects;

import org.chtbackup.contracts.packs.PackCompression;

/**
 * How packs are made.
 *
 * @param targetBytes a pack is sent once its compressed content reaches this size (the last pack of a snapshot is
 *                    smaller)
 * @param zstdLevel   zstd compression level of every chunk, 1 (fastest) to 19
 * @param zstdTuning  how zstd searches at that level
 */
public record PackSettings(int targetBytes, int zstdLevel, PackCompression.Tuning zstdTuning) {

    /**
     * 4 MiB packs at zstd's default level, searched as suits CouchDB files: few objects, small enough to pipeline and
     * hold (docs/benchmarks.md).
     */
    public static final PackSettings DEFAULT = new PackSettings(4 << 20, 3, PackCompression.Tuning.COUCHDB);

    public PackSettings {
        if (targetBytes < 4096) {
            throw new IllegalArgumentException("collector.packing.target-bytes " + targetBytes
                    + " is too small: use at least 4 KiB (default 8 MiB)");
        }
        if (zstdLevel < 1 || zstdLevel > 19) {
            throw new IllegalArgumentException("collector.packing.zstd-level " + zstdLevel + " is outside 1..19");
        }
        Objects.requireNonNull(zstdTuning, "collector.packing.zstd-tuning");
    }
}
