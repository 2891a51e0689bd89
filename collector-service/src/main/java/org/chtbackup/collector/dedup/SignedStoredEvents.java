package org.chtbackup.collector.dedup;

import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.signing.EventVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes on only the {@link SnapshotStored} events of this deployment that storage signed. The topic is writable by
 * every host, and an event is what stops a chunk being sent: a forged one could make this collector skip chunks no
 * location holds. Refusals are logged and counted in {@code cht_backup_collector_stored_events_refused_total}.
 * Events of other deployments are not checked: they are ignored anyway.
 */
public final class SignedStoredEvents implements Consumer<SnapshotStored> {

    private static final Logger log = LoggerFactory.getLogger(SignedStoredEvents.class);

    private final String deploymentId;
    private final EventVerifier storage;
    private final Consumer<SnapshotStored> next;
    private final Counter refused;

    public SignedStoredEvents(String deploymentId, EventVerifier storage, Consumer<SnapshotStored> next,
                              MeterRegistry meters) {
        this.deploymentId = deploymentId;
        this.storage = storage;
        this.next = next;
        this.refused = Counter.builder("cht.backup.collector.stored.events.refused").tag("deployment", deploymentId)
                .description("SnapshotStored events of this deployment without storage's valid signature, ignored")
                .register(meters);
    }

    @Override
    public void accept(SnapshotStored event) {
        if (!deploymentId.equals(event.deploymentId())) {
            return;
        }
        if (!event.isSignedFor(storage)) {
            refused.increment();
            log.warn("ignored a SnapshotStored event for {}/{} at '{}': {} (storage key {}); no chunk is taken as stored"
                            + " on its word", deploymentId, event.snapshotId(), event.location(),
                    event.signature() == null ? "it is unsigned (storage older than this collector?)"
                            : "its signature does not verify", storage.fingerprint());
            return;
        }
        next.accept(event);
    }
}
