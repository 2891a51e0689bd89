package org.chtbackup.collector.snapshot;

/** A snapshot of this host is already running; try again when it ends. */
public class SnapshotInProgressException extends RuntimeException {

    public SnapshotInProgressException(String deploymentId) {
        super("a snapshot of deployment '" + deploymentId + "' is already running; one at a time per host");
    }
}
