package org.chtbackup.verify.queue;

import java.util.Optional;

import org.chtbackup.contracts.events.DrillCompleted;

/** Runs one queued drill on a drill thread and reports it; empty when there was nothing to drill (logged). */
@FunctionalInterface
public interface DrillJob {

    Optional<DrillCompleted> run(DrillRequest request);
}
