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
 * Puts one object into every location at the same time and waits at most {@code writeTimeout} for each. Where an
 * object did not land (location down, breaker open, too slow, or a manifest whose chunks are not all there yet)
 * it is appended to that location's {@link Backlog} instead. {@link #write} returns once every location has the
 * object or has it durably queued, so the incoming record can be committed; it throws only when queueing fails.
 */
public final class ObjectWriter {

    private static final Logger log = LoggerFactory.getLogger(ObjectWriter.class);

    private final List<Location> locations;
    private final ObjectPlacement placement;
    private final Backlog backlog;
    private final ExecutorService executor;
    private final Duration writeTimeout;

    public ObjectWriter(List<Location> locations, ObjectPlacement placement, Backlog backlog, ExecutorService executor,
            Duration writeTimeout) {
        this.locations = List.copyOf(locations);
        this.placement = placement;
        this.backlog = backlog;
        this.executor = executor;
        this.writeTimeout = writeTimeout;
    }

    public void write(ObjectEncrypted object) {
        Map<Location, Future<Placement>> pending = new LinkedHashMap<>();
        for (Location location : locations) {
            pending.put(location, executor.submit(() -> placement.place(location, object)));
        }
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        List<String[]> queued = new ArrayList<>();
        for (Map.Entry<Location, Future<Placement>> entry : pending.entrySet()) {
            String name = entry.getKey().name();
            String reason = outcome(entry.getValue(), deadline, name);
            if (reason != null) {
                queued.add(new String[] {name, reason});
            }
        }
        for (String[] q : queued) {
            backlog.append(q[0], object, 0);
            log.warn("{} queued in the backlog of '{}': {}", object.objectKey(), q[0], q[1]);
            if (object.kind() == PartKind.MANIFEST) {
                placement.status(object, q[0], SnapshotLocationStatus.Status.DEGRADED,
                        "waiting in the backlog: " + q[1]);
            }
        }
    }

    /** Null when the object is in the location; otherwise why it is not. Other failures are bugs: rethrown. */
    private String outcome(Future<Placement> future, long deadline, String location) {
        try {
            Placement placed = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return placed.stored() ? null
                    : placed.missing().size() + " chunk(s) not yet in '" + location + "', first " + placed.missing().get(0);
        } catch (TimeoutException e) {
            return "no answer from '" + location + "' within " + writeTimeout;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LocationException le) {
                return le.getMessage();
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
