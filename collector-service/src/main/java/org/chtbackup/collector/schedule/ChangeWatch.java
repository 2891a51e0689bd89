package org.chtbackup.collector.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.chtbackup.collector.discovery.CouchDbEndpoint;
import org.chtbackup.collector.snapshot.LastRun;
import org.chtbackup.collector.snapshot.SnapshotInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Change-driven snapshots for a recovery point objective (RPO). Every {@code poll} it reads each database's
 * update_seq from the CouchDB the last snapshot found, and starts a snapshot when any moved since that snapshot's
 * copy began and that snapshot started at least a third of the RPO ago: a change then waits at most a third of the
 * RPO plus one poll to be picked up, leaving the rest for the snapshot to be stored. Dedup makes a snapshot of a
 * mostly unchanged host cheap. When CouchDB cannot be read (none found, down, or no snapshot yet since start), it
 * falls back to time: a snapshot once the last is a whole RPO old, and the first a third of the RPO after start. A
 * cron schedule, if set, stays as a floor.
 */
public final class ChangeWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeWatch.class);

    private final Duration rpo;
    private final Duration poll;
    private final Supplier<Optional<LastRun>> lastRun;
    private final Function<CouchDbEndpoint, Map<String, String>> sequences;
    private final Supplier<String> start;
    private final Clock clock;
    private final Instant watching;
    private final ScheduleThread thread = new ScheduleThread("change-watch");

    /**
     * @param sequences each database's update_seq now; throws when CouchDB cannot be read
     * @param start     starts a snapshot and returns its id; throws {@link SnapshotInProgressException} when one runs
     */
    public ChangeWatch(Duration rpo, Duration poll, Supplier<Optional<LastRun>> lastRun,
                       Function<CouchDbEndpoint, Map<String, String>> sequences, Supplier<String> start, Clock clock) {
        if (rpo.compareTo(Duration.ofMinutes(1)) < 0 || poll.compareTo(rpo.dividedBy(3)) > 0) {
            throw new IllegalArgumentException("collector.rpo.target must be at least 1m and collector.rpo.poll at"
                    + " most a third of it (got " + rpo + " and " + poll + ")");
        }
        this.rpo = rpo;
        this.poll = poll;
        this.lastRun = lastRun;
        this.sequences = sequences;
        this.start = start;
        this.clock = clock;
        this.watching = clock.instant();
    }

    /** One look: starts a snapshot if one is due; returns why, or null when none is. */
    String poll() {
        Instant now = clock.instant();
        Optional<LastRun> last = lastRun.get();
        String why = due(now, last);
        if (why == null) {
            return null;
        }
        try {
            String id = start.get();
            log.info("change-driven snapshot {} started: {}", id, why);
            return why;
        } catch (SnapshotInProgressException e) {
            return null; // a snapshot runs already; the next look sees what it did not copy
        }
    }

    private String due(Instant now, Optional<LastRun> last) {
        Duration third = rpo.dividedBy(3);
        if (last.isEmpty()) {
            return now.isBefore(watching.plus(third)) ? null : "no snapshot since the collector started";
        }
        Duration age = Duration.between(last.get().started(), now);
        if (age.compareTo(third) < 0) {
            return null;
        }
        Map<String, String> current = read(last.get().couchdb());
        if (current == null || last.get().sequencesBefore().isEmpty()) {
            return age.compareTo(rpo) >= 0 ? "CouchDB's changes cannot be read; the last snapshot is "
                    + age.toMinutes() + " min old (RPO " + rpo.toMinutes() + " min)" : null;
        }
        long moved = current.entrySet().stream()
                .filter(e -> !e.getValue().equals(last.get().sequencesBefore().get(e.getKey()))).count();
        return moved == 0 ? null : moved + " database(s) changed since the last snapshot began";
    }

    private Map<String, String> read(CouchDbEndpoint couchdb) {
        if (couchdb == null) {
            return null;
        }
        try {
            return sequences.apply(couchdb);
        } catch (RuntimeException e) {
            log.debug("change watch could not read CouchDB: {}", e.getClass().getSimpleName());
            return null;
        }
    }

    @Override
    public synchronized void start() {
        thread.start().scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("change watch: {}", e.getClass().getSimpleName());
            }
        }, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        log.info("change-driven snapshots: RPO {} min, CouchDB polled every {} s", rpo.toMinutes(), poll.toSeconds());
    }

    @Override
    public synchronized void stop() {
        thread.stop();
    }

    @Override
    public boolean isRunning() {
        return thread.isRunning();
    }
}
