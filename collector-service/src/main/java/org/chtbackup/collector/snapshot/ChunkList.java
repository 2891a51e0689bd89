package org.chtbackup.collector.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.chtbackup.collector.appends.FileRead;

/** The chunks of the entry being built, where each ends, and the bytes this attempt read (counted in progress too). */
final class ChunkList {

    private final SnapshotProgress progress;
    private final List<String> ids = new ArrayList<>();
    private long[] ends = new long[64];
    private long bytesRead;

    ChunkList(SnapshotProgress progress) {
        this.progress = progress;
    }

    void add(String id, int length) {
        if (ids.size() == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        ends[ids.size()] = end() + length;
        ids.add(id);
    }

    /** Starts the list with an earlier read's kept chunks. */
    void keep(List<String> kept, FileRead earlier) {
        clear();
        for (int i = 0; i < kept.size(); i++) {
            add(kept.get(i), earlier.chunkLength(i));
        }
    }

    void clear() {
        ids.clear();
    }

    void read(long n) {
        bytesRead += n;
        progress.bytesRead(n);
    }

    long end() {
        return ids.isEmpty() ? 0 : ends[ids.size() - 1];
    }

    List<String> ids() {
        return ids;
    }

    long[] ends() {
        return Arrays.copyOf(ends, ids.size());
    }

    long bytesRead() {
        return bytesRead;
    }
}
