package org.chtbackup.storage.repair;

import java.util.List;

/**
 * What a repair found and did for one snapshot.
 *
 * @param deploymentId the deployment
 * @param snapshotId   the snapshot
 * @param manifestKey  its manifest key, null when no location has the snapshot
 * @param objects      how many objects were compared in every location
 * @param findings     one entry per object copy that was missing, corrupt, unreadable or in dispute
 */
public record RepairReport(String deploymentId, String snapshotId, String manifestKey, int objects,
        List<Finding> findings) {

    public RepairReport {
        findings = List.copyOf(findings);
    }

    /** MISSING and CORRUPT copies are repaired when a good copy exists; the others need an operator or a later run. */
    public enum Problem { MISSING, CORRUPT, UNAVAILABLE, NO_GOOD_COPY }

    /**
     * @param location the location holding the bad copy
     * @param key      the object key
     * @param problem  what was wrong
     * @param repaired whether a good copy is there now
     * @param detail   sizes and digests compared, or why it was not repaired
     */
    public record Finding(String location, String key, Problem problem, boolean repaired, String detail) {
    }

    /** True when every copy is good now. */
    public boolean healthy() {
        return findings.stream().allMatch(Finding::repaired);
    }
}
