package org.chtbackup.storage.writing;

import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;

/** Where storage reports snapshots: Kafka in the service, a list in tests. A failure to report throws. */
public interface SnapshotEvents {

    void stored(SnapshotStored event);

    void status(SnapshotLocationStatus event);
}
