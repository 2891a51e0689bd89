package org.chtbackup.collector.snapshot;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running snapshot, readable while it runs (HTTP status) and reported when it ends. */
public final class SnapshotProgress {

    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong chunksSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private volatile long filesPlanned;

    void planned(int files) {
        filesPlanned = files;
    }

    void fileDone() {
        filesDone.incrementAndGet();
    }

    void bytesRead(long n) {
        bytesRead.addAndGet(n);
    }

    void chunkSent(long n) {
        chunksSent.incrementAndGet();
        bytesSent.addAndGet(n);
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public long chunksSent() {
        return chunksSent.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long filesDone() {
        return filesDone.get();
    }

    public long filesPlanned() {
        return filesPlanned;
    }
}
