package org.chtbackup.storage.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.storage.writing.SnapshotEvents;

/** Passes events on and remembers the latest status of each snapshot in each location, for reports. */
public final class StatusBoard implements SnapshotEvents {

    private final SnapshotEvents delegate;
    private final Map<String, SnapshotLocationStatus> latest = new ConcurrentHashMap<>();

    public StatusBoard(SnapshotEvents delegate) {
        this.delegate = delegate;
    }

    @Override
    public void stored(SnapshotStored event) {
        delegate.stored(event);
    }

    @Override
    public void status(SnapshotLocationStatus event) {
        delegate.status(event);
        latest.merge(event.deploymentId() + "/" + event.snapshotId() + "@" + event.location(), event,
                (old, now) -> now.at().isBefore(old.at()) ? old : now);
    }

    /** Snapshots not COMPLETE in some location, as last reported by this process. */
    public List<SnapshotLocationStatus> notComplete() {
        return latest.values().stream()
                .filter(s -> s.status() != SnapshotLocationStatus.Status.COMPLETE)
                .sorted(java.util.Comparator.comparing(SnapshotLocationStatus::at))
                .toList();
    }
}
