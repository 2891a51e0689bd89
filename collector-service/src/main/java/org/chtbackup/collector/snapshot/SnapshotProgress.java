package org.chtbackup.collector.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final AtomicLong bytesKept = new AtomicLong();
    private final AtomicLong filesFromTail = new AtomicLong();
    private final Map<String, String> readInFull = new LinkedHashMap<>();
    private final AtomicLong filesReadInFull = new AtomicLong();
    private final List<String> appendMismatches = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final AtomicLong filesSkipped = new AtomicLong();
    static final int LISTED = 200;

    private volatile long filesPlanned;
    private volatile long bytesPlanned;

    void planned(int files, long bytes) {
        filesPlanned = files;
        bytesPlanned = bytes;
    }

    /** Bytes of an attempt that is read again (a file that changed while copied). */
    void unread(long read, long kept) {
        bytesRead.addAndGet(-read);
        bytesKept.addAndGet(-kept);
    }

    /** Bytes of append-only files taken from their earlier read without reading them again. */
    void bytesKept(long n) {
        bytesKept.addAndGet(n);
    }

    void readFromTail() {
        filesFromTail.incrementAndGet();
    }

    /** An append-only file read from its first byte, and why; the first {@link #LISTED} are named. */
    synchronized void readInFull(String file, String reason) {
        filesReadInFull.incrementAndGet();
        if (readInFull.size() < LISTED) {
            readInFull.put(file, reason);
        }
    }

    /** A host entry not backed up (a symbolic link, FIFO, device...), and why; the first {@link #LISTED} are named. */
    public synchronized void skipped(String file, String reason) {
        filesSkipped.incrementAndGet();
        if (skipped.size() < LISTED) {
            skipped.put(file, reason);
        }
    }

    /** A scheduled full read found bytes that the append shortcut would have kept without reading. */
    synchronized void appendMismatch(String file) {
        appendMismatches.add(file);
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

    /** Bytes of append-only files kept from their earlier read, unread. */
    @JsonProperty
    public long bytesKept() {
        return bytesKept.get();
    }

    /** Append-only files read only from the start of their last chunk. */
    @JsonProperty
    public long filesFromTail() {
        return filesFromTail.get();
    }

    @JsonProperty
    public long filesReadInFull() {
        return filesReadInFull.get();
    }

    /** Append-only files read from their first byte, with the reason (the first {@value #LISTED}). */
    @JsonProperty
    public synchronized Map<String, String> readInFull() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(readInFull));
    }

    /** Files whose full read disagreed with what the append shortcut would have kept: each one is a bug to report. */
    @JsonProperty
    public synchronized List<String> appendMismatches() {
        return List.copyOf(appendMismatches);
    }

    /** Host entries that are not regular files, so not in the snapshot. */
    @JsonProperty
    public long filesSkipped() {
        return filesSkipped.get();
    }

    /** Those entries with the reason (the first {@value #LISTED}). */
    @JsonProperty
    public synchronized Map<String, String> skipped() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
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

    /** 0..100 of the planned bytes read or kept (capped: files grow while copied). */
    @JsonProperty
    public int percent() {
        long planned = bytesPlanned;
        if (planned <= 0) {
            return filesPlanned == 0 || filesDone.get() < filesPlanned ? 0 : 100;
        }
        return (int) Math.min(100, Math.max(0, (bytesRead.get() + bytesKept.get()) * 100 / planned));
    }
}
