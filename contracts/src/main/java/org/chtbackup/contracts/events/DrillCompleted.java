package org.chtbackup.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one restore drill of one snapshot from one location.
 *
 * <p>Version 1. {@code result} is PASS only when every check ran and passed; {@code failures} name the
 * file, chunk or database that differed and never contain document contents or secrets.
 */
public record DrillCompleted(
        int version,
        String drillId,
        String deploymentId,
        String snapshotId,
        String location,
        Result result,
        List<String> failures,
        int files,
        long bytes,
        long restoreMillis,
        Instant startedAt,
        Instant finishedAt) {

    public static final int VERSION = 1;

    /** PASS: restored and every check passed. FAIL: a check failed. */
    public enum Result { PASS, FAIL }

    public DrillCompleted {
        EventChecks.version(version, VERSION, "DrillCompleted");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(drillId, "drillId");
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(location, "location");
        EventChecks.required(result, "result");
        failures = failures == null ? List.of() : List.copyOf(failures);
    }
}
