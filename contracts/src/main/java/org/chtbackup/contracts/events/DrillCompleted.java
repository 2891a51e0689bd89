package org.chtbackup.contracts.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one restore drill of one snapshot from one location.
 *
 * <p>Version 1: fields {@code version} to {@code finishedAt}. {@code result} is PASS only when every check ran
 * and passed; {@code failures} name the file, chunk or database that differed and never contain document
 * contents or secrets.
 *
 * <p>Version 2 adds, at the end and with defaults for version-1 records: {@code skipped} (checks that could not
 * run, each with why, e.g. "scratch boot skipped: …"; default empty), {@code phaseMillis} (wall time of each
 * drill phase in order; default empty) and {@code couchdbVersion} (the snapshot's CouchDB version, null when
 * unknown). It also adds {@link Result#INCOMPLETE}: nothing failed but at least one check was skipped. A
 * version-1 record never carries INCOMPLETE.
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
        Instant finishedAt,
        List<String> skipped,
        Map<String, Long> phaseMillis,
        String couchdbVersion) {

    public static final int VERSION = 2;

    /**
     * PASS: restored and every check ran and passed. FAIL: a check failed. INCOMPLETE (version 2): no check
     * failed but at least one could not run ({@code skipped} says which and why); never counts as a success.
     */
    public enum Result { PASS, FAIL, INCOMPLETE }

    public DrillCompleted {
        EventChecks.version(version, VERSION, "DrillCompleted");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(drillId, "drillId");
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(location, "location");
        EventChecks.required(result, "result");
        failures = failures == null ? List.of() : List.copyOf(failures);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        phaseMillis = phaseMillis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    }

    /** The result the checks imply: any failure is FAIL, else any skipped check is INCOMPLETE, else PASS. */
    public static Result resultOf(List<String> failures, List<String> skipped) {
        if (!failures.isEmpty()) {
            return Result.FAIL;
        }
        return skipped.isEmpty() ? Result.PASS : Result.INCOMPLETE;
    }
}
