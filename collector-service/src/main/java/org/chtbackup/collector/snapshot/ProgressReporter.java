package org.chtbackup.collector.snapshot;

import java.time.Clock;

import org.chtbackup.contracts.events.SnapshotProgressed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a progress event at the start, each time another 5% of the planned bytes is read, and at the end. */
final class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final int STEP = 5;

    private final String deploymentId;
    private final String snapshotId;
    private final SnapshotProgress progress;
    private final SnapshotEvents events;
    private final Clock clock;
    private int lastStep = -1;

    ProgressReporter(String deploymentId, String snapshotId, SnapshotProgress progress, SnapshotEvents events,
                     Clock clock) {
        this.deploymentId = deploymentId;
        this.snapshotId = snapshotId;
        this.progress = progress;
        this.events = events;
        this.clock = clock;
    }

    void report(boolean always) {
        int percent = progress.percent();
        if (!always && percent / STEP <= lastStep) {
            return;
        }
        lastStep = percent / STEP;
        try {
            events.progressed(new SnapshotProgressed(SnapshotProgressed.VERSION, deploymentId, snapshotId,
                    progress.filesDone(), progress.filesPlanned(), progress.bytesRead(), progress.bytesPlanned(),
                    percent, clock.instant()));
        } catch (RuntimeException e) {
            log.debug("progress event not sent: {}", e.getClass().getSimpleName());
        }
    }
}
