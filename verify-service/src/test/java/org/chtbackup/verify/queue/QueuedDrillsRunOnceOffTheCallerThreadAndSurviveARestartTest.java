package org.chtbackup.verify.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.events.SnapshotStored;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue on a real folder with a stand-in drill: a drill is on disk before {@code submit} returns and runs on a
 * drill thread; the same drill is not queued twice and a stored event seen again after its drill is not drilled
 * again; what a stopped verify left queued runs after the next start; no more drills run at once than configured.
 */
class QueuedDrillsRunOnceOffTheCallerThreadAndSurviveARestartTest {

    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");
    @TempDir
    Path dir;

    @Test
    void submitReturnsOnceTheDrillIsOnDiskAndTheDrillRunsOnADrillThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        try (DrillQueue queue = queue(request -> {
            threads.add(Thread.currentThread().getName());
            await(release);
            return Optional.of(completed(request));
        }, 1)) {
            CompletableFuture<Optional<DrillCompleted>> result = queue.submit(stored("snap-1", "nas"));

            assertThat(result).isNotDone();
            assertThat(pendingFiles()).hasSize(1);
            assertThat(queue.queued()).extracting(DrillRequest::key).containsExactly("clinic-7/snap-1@nas");
            release.countDown();
            assertThat(result.get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(threads).singleElement().asString().startsWith("verify-drill-");
            assertThat(pendingFiles()).isEmpty();
            assertThat(queue.size()).isZero();
        }
    }

    @Test
    void aDrillThatDiesOfAnErrorFailsItsCallerAndLeavesTheQueueWorking() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (DrillQueue queue = queue(request -> {
            if (runs.incrementAndGet() == 1) {
                throw new UnsatisfiedLinkError("libzstd-jni.so: failed to map segment from shared object");
            }
            return Optional.of(completed(request));
        }, 1)) {
            CompletableFuture<Optional<DrillCompleted>> dead = queue.submit(stored("snap-1", "nas"));

            assertThat(dead).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                    .havingRootCause().isInstanceOf(UnsatisfiedLinkError.class);
            assertThat(queue.size()).as("not wedged as running").isZero();
            assertThat(queue.submit(stored("snap-2", "nas")).get(10, TimeUnit.SECONDS)).isPresent();
        }
    }

    @Test
    void theSameDrillIsQueuedOnceAndAStoredEventSeenAgainAfterItsDrillIsNotDrilledAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (DrillQueue queue = queue(request -> {
            runs.incrementAndGet();
            await(release);
            return Optional.of(completed(request));
        }, 1)) {
            CompletableFuture<Optional<DrillCompleted>> first = queue.submit(stored("snap-1", "nas"));
            CompletableFuture<Optional<DrillCompleted>> redelivered = queue.submit(stored("snap-1", "nas"));
            assertThat(redelivered).isSameAs(first);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);

            assertThat(queue.submit(stored("snap-1", "nas")).get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(runs).hasValue(1);
            assertThat(queue.duplicates()).isEqualTo(2);
            queue.submit(DrillRequest.of(DrillRequest.Origin.REDRILL, "clinic-7", "nas", "snap-1", T, "repair"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(runs).as("a re-drill after a repair is asked for on purpose").hasValue(2);
        }
        try (DrillQueue restarted = queue(request -> {
            runs.incrementAndGet();
            return Optional.of(completed(request));
        }, 1)) {
            restarted.resume();
            assertThat(restarted.submit(stored("snap-1", "nas")).get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(runs).as("remembered across a restart").hasValue(2);
        }
    }

    @Test
    void drillsLeftQueuedWhenVerifyStoppedRunAfterTheNextStartOldestFirst() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        DrillQueue stopped = queue(request -> {
            await(never);
            throw new IllegalStateException("abandoned: this verify stopped");
        }, 1);
        stopped.submit(stored("snap-running", "nas"));
        stopped.submit(DrillRequest.of(DrillRequest.Origin.ON_DEMAND, "clinic-7", "offsite", null, T.plusSeconds(1),
                "on demand"));
        stopped.close();
        assertThat(pendingFiles()).hasSize(2);

        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        try (DrillQueue next = queue(request -> {
            ran.add(request.key());
            both.countDown();
            return Optional.of(completed(request));
        }, 1)) {
            next.resume();
            assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("clinic-7/snap-running@nas", "clinic-7/newest@offsite");
        } finally {
            never.countDown();
        }
    }

    @Test
    void noMoreDrillsRunAtOnceThanConfigured() throws Exception {
        for (int concurrency : new int[] {1, 2}) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            try (DrillQueue queue = queue(request -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(150);
                running.decrementAndGet();
                return Optional.of(completed(request));
            }, concurrency)) {
                List<CompletableFuture<Optional<DrillCompleted>>> all = Stream.of("a", "b", "c", "d")
                        .map(s -> queue.submit(stored("snap-" + s + concurrency, "nas"))).toList();
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            }
            assertThat(most).as("concurrency %d", concurrency).hasValue(concurrency);
        }
    }

    private DrillQueue queue(DrillJob job, int concurrency) {
        return new DrillQueue(dir, job, concurrency, Duration.ofDays(30), Clock.systemUTC());
    }

    private List<Path> pendingFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("pending"))) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }

    private static DrillRequest stored(String snapshot, String location) {
        return DrillRequest.stored(new SnapshotStored(SnapshotStored.VERSION, "clinic-7", snapshot, location,
                "clinic-7/snapshots/20260301T020000Z-" + snapshot + ".manifest", 3, T), T);
    }

    private static DrillCompleted completed(DrillRequest request) {
        return new DrillCompleted(DrillCompleted.VERSION, "d-" + request.key().hashCode(), request.deploymentId(),
                request.snapshotId() == null ? "newest" : request.snapshotId(), request.location(),
                DrillCompleted.Result.PASS, List.of(), 1, 1, 1, T, T, List.of(), null, "3.4.3",
                DrillCompleted.Result.PASS, List.of(), 1L, 1L, "stand-in");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
