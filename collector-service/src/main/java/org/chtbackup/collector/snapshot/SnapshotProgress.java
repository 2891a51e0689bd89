package org.chtbackup.collector.snapshot;

import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Counters of a running snapshot, readable while it runs (HTTP status: each counter is a JSON property) and reported
 * when it ends.
 */
public final class SnapshotProgress {

    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong chunksSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private volatile long filesPlanned;
    private volatile long bytesPlanned;

    void planned(int files, long bytes) {
        filesPlanned = files;
        bytesPlanned = bytes;
    }

    /** Bytes of an attempt that is read again (a file that changed while copied). */
    void unread(long n) {
        bytesRead.addAndGet(-n);
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

    @JsonProperty
    public long bytesRead() {
        return bytesRead.get();
    }

    @JsonProperty
    public long chunksSent() {
        return chunksSent.get();
    }

    @JsonProperty
    public long bytesSent() {
        return bytesSent.get();
    }

    @JsonProperty
    public long filesDone() {
        return filesDone.get();
    }

    @JsonProperty
    public long filesPlanned() {
        return filesPlanned;
    }

    /** The planned files' size when planned; CouchDB files may grow past it while copied. */
    @JsonProperty
    public long bytesPlanned() {
        return bytesPlanned;
    }

    /** 0..100 of the planned bytes read (capped: files grow while copied). */
    @JsonProperty
    public int percent() {
        long planned = bytesPlanned;
        if (planned <= 0) {
            return filesPlanned == 0 || filesDone.get() < filesPlanned ? 0 : 100;
        }
        return (int) Math.min(100, Math.max(0, bytesRead.get() * 100 / planned));
    }
}
