package org.chtbackup.verify.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.verify.queue.DrillQueue;
import org.chtbackup.verify.queue.DrillRequest;
import org.chtbackup.verify.report.FleetState;
import org.chtbackup.verify.repair.RepairCoordinator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for drills: each tick queues what {@link DrillPlanner} says is due; on-demand requests and re-drills after
 * repairs go to the same {@link DrillQueue}, which runs them. The timer thread only plans and queues.
 */
public final class DrillScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DrillScheduler.class);

    private final DrillQueue queue;
    private final FleetState fleet;
    private final DrillPlanner planner;
    private final Supplier<List<String>> configuredDeployments;
    private final List<String> locations;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "verify-drill-schedule");
        t.setDaemon(true);
        return t;
    });

    public DrillScheduler(DrillQueue queue, FleetState fleet, DrillPlanner planner,
                          Supplier<List<String>> configuredDeployments, List<String> locations, Clock clock) {
        this.queue = queue;
        this.fleet = fleet;
        this.planner = planner;
        this.configuredDeployments = configuredDeployments;
        this.locations = List.copyOf(locations);
        this.clock = clock;
    }

    /** Ticks every {@code tick}, the first one tick after start. */
    public void start(Duration tick) {
        timer.scheduleWithFixedDelay(this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Plans now and queues every due drill; returns what was asked for. */
    public List<DrillRequest> tick() {
        TreeSet<String> deployments = new TreeSet<>(configuredDeployments.get());
        deployments.addAll(fleet.deployments());
        List<DrillRequest> asked = new ArrayList<>();
        for (DrillPlanner.Due d : planner.plan(new ArrayList<>(deployments), locations,
                (dep, loc) -> fleet.lastDrill(dep, loc).map(DrillCompleted::finishedAt), clock.instant())) {
            DrillRequest request = DrillRequest.of(DrillRequest.Origin.SCHEDULED, d.deploymentId(), d.location(), null,
                    clock.instant(), "scheduled: " + d.why());
            queue.submit(request);
            asked.add(request);
        }
        return asked;
    }

    /** Queues a drill asked for by an operator; {@code snapshotId} null means the newest in that location. */
    public CompletableFuture<Optional<DrillCompleted>> submit(String deploymentId, String location,
                                                              String snapshotId) {
        if (!locations.contains(location)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("location '" + location
                    + "' is not configured; configured: " + locations));
        }
        return queue.submit(DrillRequest.of(DrillRequest.Origin.ON_DEMAND, deploymentId, location, snapshotId,
                clock.instant(), "on demand"));
    }

    /** Queues a re-drill after a repair request, after {@code delay}. */
    public void redrill(RepairCoordinator.Redrill redrill, Duration delay) {
        timer.schedule(() -> queue.submit(DrillRequest.of(DrillRequest.Origin.REDRILL, redrill.deploymentId(),
                        redrill.location(), redrill.snapshotId(), clock.instant(), "re-drill after a repair request")),
                delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("scheduled drill tick failed; the next tick tries again", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
