package org.chtbackup.storage.writing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one object into every location at the same time and waits at most {@code writeTimeout} for each. A manifest
 * whose packs are not all there yet is tried again for up to {@code manifestWait}, since its packs are usually still
 * on their way on other partitions, but only on a thread that reads no other partition: there the packs it waits
 * for could be queued behind it. Where an object did not land (location down, breaker open, too slow, or a
 * manifest still missing packs) it is appended to that location's {@link Backlog} instead. {@link #write} returns
 * once every location has the object or has it durably queued, so the incoming record can be committed; it throws
 * only when queueing fails.
 */
public final class ObjectWriter {

    private static final Logger log = LoggerFactory.getLogger(ObjectWriter.class);

    private final List<Location> locations;
    private final ObjectPlacement placement;
    private final Backlog backlog;
    private final ExecutorService executor;
    private final Duration writeTimeout;
    private final Duration manifestWait;

    public ObjectWriter(List<Location> locations, ObjectPlacement placement, Backlog backlog, ExecutorService executor,
            Duration writeTimeout, Duration manifestWait) {
        this.locations = List.copyOf(locations);
        this.placement = placement;
        this.backlog = backlog;
        this.executor = executor;
        this.writeTimeout = writeTimeout;
        this.manifestWait = manifestWait;
    }

    /**
     * Writes {@code object} into every location, or queues it in the backlog of those it did not reach.
     *
     * @param mayWait false when the calling thread also reads other partitions: a manifest that waited would hold
     *                up the records behind it there, its own packs perhaps among them, for the whole wait. Such a
     *                manifest goes to the backlog at once, where each location's catch-up waits for its packs.
     */
    public void write(ObjectEncrypted object, boolean mayWait) {
        Map<Location, Outcome> outcomes = placeIn(locations, object);
        long waitUntil = System.nanoTime() + (mayWait ? manifestWait.toNanos() : 0);
        long pause = 100;
        while (object.kind() == PartKind.MANIFEST && System.nanoTime() < waitUntil
                && outcomes.values().stream().anyMatch(Outcome::waiting)) {
            // Its packs came on other partitions and are likely being written right now: look again shortly.
            sleep(pause);
            pause = Math.min(pause * 2, 2000);
            List<Location> again = outcomes.entrySet().stream().filter(e -> e.getValue().waiting())
                    .map(Map.Entry::getKey).toList();
            outcomes.putAll(placeIn(again, object));
        }
        outcomes.forEach((location, outcome) -> {
            if (outcome.reason() == null) {
                return;
            }
            backlog.append(location.name(), object, 0);
            log.warn("{} queued in the backlog of '{}': {}", object.objectKey(), location.name(), outcome.reason());
            if (object.kind() == PartKind.MANIFEST) {
                placement.status(object, location.name(), SnapshotLocationStatus.Status.DEGRADED,
                        "waiting in the backlog: " + outcome.reason());
            }
        });
    }

    /** Why an object is not in a location (null reason: it is), and whether it only waits for its packs. */
    private record Outcome(String reason, boolean waiting) {
    }

    private Map<Location, Outcome> placeIn(List<Location> targets, ObjectEncrypted object) {
        Map<Location, Future<Placement>> pending = new LinkedHashMap<>();
        for (Location location : targets) {
            pending.put(location, executor.submit(() -> placement.place(location, object)));
        }
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        Map<Location, Outcome> outcomes = new LinkedHashMap<>();
        pending.forEach((location, future) -> outcomes.put(location, outcome(future, deadline, location.name())));
        return outcomes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a manifest waited for its packs", e);
        }
    }

    /** The object's outcome in one location. Failures other than the location's own are bugs: rethrown. */
    private Outcome outcome(Future<Placement> future, long deadline, String location) {
        try {
            Placement placed = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return placed.stored() ? new Outcome(null, false)
                    : new Outcome(placed.missing().size() + " pack(s) or list piece(s) not yet in '" + location
                            + "', first " + placed.missing().get(0), true);
        } catch (TimeoutException e) {
            return new Outcome("no answer from '" + location + "' within " + writeTimeout, false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LocationException le) {
                return new Outcome(le.getMessage(), false);
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("writing to '" + location + "' failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to '" + location + "'", e);
        }
    }
}
