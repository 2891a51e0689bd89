package org.chtbackup.collector.snapshot;

import org.chtbackup.contracts.events.SnapshotCompleted;
import org.chtbackup.contracts.events.SnapshotFailed;
import org.chtbackup.contracts.events.SnapshotProgressed;

/** Where a snapshot reports how it goes. Implementations must not throw for progress; it is advisory. */
public interface SnapshotEvents {

    SnapshotEvents NONE = new SnapshotEvents() {
        @Override
        public void progressed(SnapshotProgressed event) {
        }

        @Override
        public void completed(SnapshotCompleted event) {
        }

        @Override
        public void failed(SnapshotFailed event) {
        }
    };

    void progressed(SnapshotProgressed event);

    void completed(SnapshotCompleted event);

    void failed(SnapshotFailed event);
}
