package org.chtbackup.collector.snapshot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts snapshots in the background (HTTP, schedule, CLI all come here) and remembers how each went.
 * Refuses a second one while one runs, instead of queueing work the host cannot keep up with.
 */
public final class SnapshotTrigger implements AutoCloseable {

    private final SnapshotRunner runner;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    public SnapshotTrigger(SnapshotRunner runner) {
        this.runner = runner;
    }

    /** A snapshot that is running (result null) or done. */
    public record Status(String snapshotId, SnapshotProgress progress, SnapshotResult result) {
    }

    /** Starts a snapshot and returns its id at once. */
    public String start() {
        return start(false);
    }

    /** Starts a snapshot, reading every CouchDB file in full when {@code fullRead}, and returns its id at once. */
    public String start(boolean fullRead) {
        if (!running.compareAndSet(false, true)) {
            throw new SnapshotInProgressException("this host");
        }
        String snapshotId = SnapshotRunner.newSnapshotId();
        SnapshotProgress progress = new SnapshotProgress();
        statuses.put(snapshotId, new Status(snapshotId, progress, null));
        executor.execute(() -> {
            try {
                SnapshotResult result = runner.run(snapshotId, progress, fullRead);
                statuses.put(snapshotId, new Status(snapshotId, progress, result));
            } finally {
                running.set(false);
            }
        });
        return snapshotId;
    }

    /** Runs a snapshot in the calling thread (the CLI): returns when it is sent or failed. */
    public SnapshotResult runNow() {
        if (!running.compareAndSet(false, true)) {
            throw new SnapshotInProgressException("this host");
        }
        try {
            String snapshotId = SnapshotRunner.newSnapshotId();
            SnapshotProgress progress = new SnapshotProgress();
            statuses.put(snapshotId, new Status(snapshotId, progress, null));
            SnapshotResult result = runner.run(snapshotId, progress);
            statuses.put(snapshotId, new Status(snapshotId, progress, result));
            return result;
        } finally {
            running.set(false);
        }
    }

    public Status status(String snapshotId) {
        return statuses.get(snapshotId);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
