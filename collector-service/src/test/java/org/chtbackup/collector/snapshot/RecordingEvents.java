package org.chtbackup.collector.snapshot;

import java.util.ArrayList;
import java.util.List;

import org.chtbackup.contracts.events.SnapshotCompleted;
import org.chtbackup.contracts.events.SnapshotFailed;
import org.chtbackup.contracts.events.SnapshotProgressed;

/** Keeps the events a snapshot reports. */
public final class RecordingEvents implements SnapshotEvents {

    public final List<SnapshotProgressed> progress = new ArrayList<>();
    public final List<SnapshotCompleted> completed = new ArrayList<>();
    public final List<SnapshotFailed> failed = new ArrayList<>();

    @Override
    public void progressed(SnapshotProgressed event) {
        progress.add(event);
    }

    @Override
    public void completed(SnapshotCompleted event) {
        completed.add(event);
    }

    @Override
    public void failed(SnapshotFailed event) {
        failed.add(event);
    }
}
