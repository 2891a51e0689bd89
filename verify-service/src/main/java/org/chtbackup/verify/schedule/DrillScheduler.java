package org.chtbackup.verify.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.chtbackup.verify.drill.DrillRunner;
import org.chtbackup.verify.report.FleetState;
import org.chtbackup.verify.repair.RepairCoordinator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue of drills on one thread (a drill restores a whole snapshot to scratch disk): scheduled ticks,
 * on-demand requests and re-drills after repairs. Each tick drills what {@link DrillPlanner} says is due.
 */
public final class DrillScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DrillScheduler.class);

    private final DrillRunner runner;
    private final FleetState fleet;
    private final DrillPlanner planner;
    private final Supplier<List<String>> configuredDeployments;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "verify-drills");
        t.setDaemon(true);
        return t;
    });

    public DrillScheduler(DrillRunner runner, FleetState fleet, DrillPlanner planner,
                          Supplier<List<String>> configuredDeployments, Clock clock) {
        this.runner = runner;
        this.fleet = fleet;
        this.planner = planner;
        this.configuredDeployments = configuredDeployments;
        this.clock = clock;
    }

    /** Ticks every {@code tick}, the first one tick after start. */
    public void start(Duration tick) {
        executor.scheduleWithFixedDelay(this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Plans and runs every due drill now, on the caller's thread; returns what ran. */
    public List<DrillCompleted> tick() {
        TreeSet<String> deployments = new TreeSet<>(configuredDeployments.get());
        deployments.addAll(fleet.deployments());
        List<DrillCompleted> done = new ArrayList<>();
        List<DrillPlanner.Due> due = planner.plan(new ArrayList<>(deployments),
                new ArrayList<>(runner.locations().keySet()),
                (d, l) -> fleet.lastDrill(d, l).map(DrillCompleted::finishedAt), clock.instant());
        for (DrillPlanner.Due d : due) {
            log.info("scheduled drill of {} from '{}': {}", d.deploymentId(), d.location(), d.why());
            drillNow(d.deploymentId(), d.location(), null).ifPresent(done::add);
        }
        return done;
    }

    /** Queues a drill; {@code snapshotId} null means the newest in that location. */
    public CompletableFuture<Optional<DrillCompleted>> submit(String deploymentId, String location,
                                                              String snapshotId) {
        return CompletableFuture.supplyAsync(() -> drillNow(deploymentId, location, snapshotId), executor);
    }

    /** A re-drill after a repair request, after {@code delay}. */
    public void redrill(RepairCoordinator.Redrill redrill, Duration delay) {
        executor.schedule(() -> drillNow(redrill.deploymentId(), redrill.location(), redrill.snapshotId()),
                delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a drill now on the caller's thread; empty when the location holds no such snapshot (logged). */
    public Optional<DrillCompleted> drillNow(String deploymentId, String locationName, String snapshotId) {
        Map<String, Location> locations = runner.locations();
        Location location = locations.get(locationName);
        if (location == null) {
            throw new IllegalArgumentException("location '" + locationName + "' is not configured; configured: "
                    + locations.keySet());
        }
        Optional<SnapshotCatalog.StoredSnapshot> snapshot;
        try {
            snapshot = snapshotId == null ? SnapshotCatalog.newest(location, deploymentId)
                    : SnapshotCatalog.find(location, deploymentId, snapshotId);
        } catch (LocationException e) {
            return Optional.of(runner.drill(deploymentId, snapshotId == null ? "unknown" : snapshotId, locationName,
                    "(listing failed: " + e.getMessage() + ")"));
        }
        if (snapshot.isEmpty()) {
            log.warn("no snapshot {} of {} in location '{}': nothing to drill", snapshotId == null ? "at all"
                    : snapshotId, deploymentId, locationName);
            return Optional.empty();
        }
        SnapshotCatalog.StoredSnapshot s = snapshot.get();
        return Optional.of(runner.drill(deploymentId, s.snapshotId(), locationName, s.manifestKey()));
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
        executor.shutdownNow();
    }
}
