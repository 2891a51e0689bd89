package org.chtbackup.verify.queue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.chtbackup.contracts.events.DrillCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues drills durably and runs them on {@code concurrency} drill threads.
 *
 * <p>{@link #submit} returns once the request is on disk (a Kafka consumer may then commit its offset) and never
 * runs the drill on the caller's thread. The same drill (same {@link DrillRequest#key()}) queued or running is
 * not queued again: the caller gets the one already waiting. A stored event whose drill is done is not drilled
 * again for {@code rememberDrilled}. At start, {@link #resume} runs what a stopped verify left queued; a drill
 * that was running when verify stopped runs again from the start. Closing lets a running drill finish if the JVM
 * lives on (it stays queued until it reports) and starts nothing new.
 */
public final class DrillQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DrillQueue.class);

    private final QueueFiles files;
    private final DrillJob job;
    private final Clock clock;
    private final Duration rememberDrilled;
    private final ExecutorService executor;
    private final Map<String, Queued> queued = new LinkedHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile boolean closed;

    private record Queued(DrillRequest request, CompletableFuture<Optional<DrillCompleted>> result) {
    }

    /**
     * @param dir             the queue folder (under verify's data directory)
     * @param concurrency     drills run at once; each needs scratch disk for a whole snapshot
     * @param rememberDrilled how long a done stored drill is remembered, so a redelivered event is not drilled again
     */
    public DrillQueue(Path dir, DrillJob job, int concurrency, Duration rememberDrilled, Clock clock) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("verify.drills.concurrency must be at least 1, was " + concurrency);
        }
        this.files = new QueueFiles(dir);
        this.job = job;
        this.clock = clock;
        this.rememberDrilled = rememberDrilled;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "verify-drill-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a drill (durably, before returning); its result completes when it has run and reported. */
    public synchronized CompletableFuture<Optional<DrillCompleted>> submit(DrillRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("verify is stopping: drill "
                    + request.key() + " not queued; ask again once it runs"));
        }
        Queued waiting = queued.get(request.key());
        if (waiting != null) {
            duplicates.incrementAndGet();
            log.info("drill {} ({}) is already queued: not queued twice", request.key(), request.why());
            return waiting.result();
        }
        if (request.origin() == DrillRequest.Origin.STORED && files.wasDrilled(request.key())) {
            duplicates.incrementAndGet();
            log.info("drill {} was already done (stored event seen again): not drilled twice", request.key());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        files.persist(request);
        log.info("drill {} queued ({}); {} queued or running", request.key(), request.why(), queued.size() + 1);
        return start(request);
    }

    /** Runs every drill a stopped verify left queued, oldest first, and forgets stored drills done long ago. */
    public synchronized void resume() {
        int forgotten = files.forgetDrilledBefore(clock.instant().minus(rememberDrilled));
        if (forgotten > 0) {
            log.info("forgot {} drills done over {} ago", forgotten, rememberDrilled);
        }
        for (DrillRequest request : files.pending()) {
            if (queued.containsKey(request.key())) {
                continue;
            }
            if (request.origin() == DrillRequest.Origin.STORED && files.wasDrilled(request.key())) {
                files.remove(request);
                continue;
            }
            log.info("resuming drill {} queued at {} ({})", request.key(), request.queuedAt(), request.why());
            start(request);
        }
    }

    /** Drills queued or running, in the order they were queued. */
    public synchronized List<DrillRequest> queued() {
        return new ArrayList<>(queued.values().stream().map(Queued::request).toList());
    }

    public synchronized int size() {
        return queued.size();
    }

    /** Requests not queued because the same drill was queued, running or (stored events) done: Kafka redeliveries. */
    public long duplicates() {
        return duplicates.get();
    }

    private CompletableFuture<Optional<DrillCompleted>> start(DrillRequest request) {
        Queued entry = new Queued(request, new CompletableFuture<>());
        queued.put(request.key(), entry);
        executor.execute(() -> run(entry));
        return entry.result();
    }

    private void run(Queued entry) {
        DrillRequest request = entry.request();
        if (closed) {
            entry.result().completeExceptionally(new IllegalStateException("verify stopped before drill "
                    + request.key() + " ran; it stays queued and runs after the next start"));
            return;
        }
        Optional<DrillCompleted> result;
        try {
            result = job.run(request);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // An Error too (a native library that cannot load, say): otherwise the drill thread dies, the future never
            // completes and the drill stays "queued" until a restart, with nothing said.
            log.error("drill {} ({}) could not run: {}: {}", request.key(), request.why(), e.getClass().getSimpleName(),
                    e.getMessage(), e);
            done(entry, false);
            entry.result().completeExceptionally(e);
            return;
        }
        done(entry, result.isPresent());
        entry.result().complete(result);
    }

    private synchronized void done(Queued entry, boolean drilled) {
        DrillRequest request = entry.request();
        try {
            if (drilled && request.snapshotId() != null) {
                files.markDrilled(request.key(), clock.instant());
            }
            files.remove(request);
        } catch (RuntimeException e) {
            log.error("bookkeeping of done drill {} failed: {}", request.key(), e.getMessage());
        } finally {
            queued.remove(request.key());
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdown();
    }
}
