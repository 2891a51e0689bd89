package org.chtbackup.collector.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.chtbackup.collector.discovery.CouchDbEndpoint;
import org.chtbackup.collector.snapshot.LastRun;
import org.chtbackup.collector.snapshot.SnapshotInProgressException;
import org.chtbackup.contracts.testing.SettableClock;
import org.junit.jupiter.api.Test;

/**
 * The change watch under a compressed clock: simulated hours pass in milliseconds while a simulated CouchDB takes
 * writes and each snapshot takes minutes to be stored. Every document committed at least one RPO ago must be in a
 * snapshot stored by then.
 */
class ChangeWatchKeepsTheRpoTest {

    static final Duration RPO = Duration.ofMinutes(15);
    static final Duration POLL = Duration.ofMinutes(1);
    static final CouchDbEndpoint COUCHDB = new CouchDbEndpoint(URI.create("http://127.0.0.1:5984"), "admin", "x");

    /** A host: a CouchDB whose medic update_seq moves with each write, and snapshots that take {@code duration}. */
    static final class Host {
        final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T00:00:00Z"));
        final Duration duration;
        final List<Instant> writes = new ArrayList<>();
        final List<Instant[]> snapshots = new ArrayList<>(); // started, stored
        boolean readable = true;
        long seq;
        LastRun last;

        Host(Duration duration) {
            this.duration = duration;
        }

        void write() {
            writes.add(clock.instant());
            seq++;
        }

        String start() {
            Instant now = clock.instant();
            if (!snapshots.isEmpty() && snapshots.get(snapshots.size() - 1)[1].isAfter(now)) {
                throw new SnapshotInProgressException("host");
            }
            snapshots.add(new Instant[] {now, now.plus(duration)});
            last = new LastRun(now, COUCHDB, readable ? Map.of("medic", Long.toString(seq)) : Map.of());
            return "snap-" + snapshots.size();
        }

        ChangeWatch watch() {
            return new ChangeWatch(RPO, POLL, () -> Optional.ofNullable(last), couchdb -> {
                if (!readable) {
                    throw new IllegalStateException("connection refused");
                }
                return Map.of("medic", Long.toString(seq));
            }, this::start, clock);
        }

        /** The stored time of the first snapshot that started at or after {@code write}, or null. */
        Instant storedWith(Instant write) {
            return snapshots.stream().filter(s -> !s[0].isBefore(write)).map(s -> s[1]).findFirst().orElse(null);
        }
    }

    @Test
    void underASteadyWriteLoadEveryDocumentOlderThanTheRpoIsInAStoredSnapshot() {
        Host host = new Host(Duration.ofMinutes(4));
        ChangeWatch watch = host.watch();
        Instant end = host.clock.instant().plus(Duration.ofHours(6));
        while (host.clock.instant().isBefore(end)) {
            for (int i = 0; i < 3; i++) {
                host.write();
                host.clock.advance(Duration.ofSeconds(20));
            }
            watch.poll();
        }
        Instant horizon = end.minus(RPO);
        List<Instant> checked = host.writes.stream().filter(w -> !w.isAfter(horizon)).toList();
        assertThat(checked).hasSizeGreaterThan(900);
        for (Instant w : checked) {
            Instant stored = host.storedWith(w);
            assertThat(stored).as("write at %s", w).isNotNull();
            assertThat(Duration.between(w, stored)).as("write at %s stored at %s", w, stored).isLessThanOrEqualTo(RPO);
        }
        assertThat(host.snapshots).as("a snapshot at most every third of the RPO").hasSizeLessThanOrEqualTo(6 * 60 / 5 + 1)
                .hasSizeGreaterThanOrEqualTo(6 * 60 / 10);
    }

    /** The RPO holds while a snapshot is stored within RPO − RPO/3 − poll (9 min at the defaults); not beyond. */
    @Test
    void snapshotsSlowerThanTheRpoAllowsLeaveDocumentsUnprotectedLongerThanIt() {
        Host host = new Host(Duration.ofMinutes(12));
        ChangeWatch watch = host.watch();
        Instant end = host.clock.instant().plus(Duration.ofHours(3));
        while (host.clock.instant().isBefore(end)) {
            for (int i = 0; i < 3; i++) {
                host.write();
                host.clock.advance(Duration.ofSeconds(20));
            }
            watch.poll();
        }
        assertThat(host.writes.stream().filter(w -> !w.isAfter(end.minus(Duration.ofMinutes(30))))
                .anyMatch(w -> host.storedWith(w) == null || Duration.between(w, host.storedWith(w)).compareTo(RPO) > 0))
                .isTrue();
    }

    @Test
    void aHostWithoutChangesIsNotSnapshotAgain() {
        Host host = new Host(Duration.ofMinutes(2));
        ChangeWatch watch = host.watch();
        host.write();
        for (int minute = 0; minute < 180; minute++) {
            host.clock.advance(POLL);
            watch.poll();
        }
        assertThat(host.snapshots).as("the first, a third of the RPO after start, then none: nothing changed").hasSize(1);
        assertThat(host.snapshots.get(0)[0]).isEqualTo(Instant.parse("2026-03-02T00:05:00Z"));
    }

    @Test
    void whenCouchDbCannotBeReadASnapshotIsTakenEveryRpo() {
        Host host = new Host(Duration.ofMinutes(2));
        host.readable = false;
        ChangeWatch watch = host.watch();
        for (int minute = 0; minute < 120; minute++) {
            host.clock.advance(POLL);
            watch.poll();
        }
        assertThat(host.snapshots).hasSize(8);
        for (int i = 1; i < host.snapshots.size(); i++) {
            assertThat(Duration.between(host.snapshots.get(i - 1)[0], host.snapshots.get(i)[0])).isEqualTo(RPO);
        }
    }

    @Test
    void aPollSlowerThanAThirdOfTheRpoIsRefusedNamingTheKeys() {
        Host host = new Host(Duration.ofMinutes(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChangeWatch(RPO, Duration.ofMinutes(6),
                Optional::empty, c -> Map.of(), host::start, host.clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collector.rpo.poll");
    }
}
