package org.chtbackup.verify.repair;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Used while {@code verify.repair.url} is unset: says what would be repaired and what to do, repairs nothing. */
public final class LoggingRepairClient implements RepairClient {

    private static final Logger log = LoggerFactory.getLogger(LoggingRepairClient.class);

    @Override
    public boolean requestRepair(String deploymentId, String snapshotId, String brokenLocation, String sourceLocation,
                                 List<String> reasons) {
        log.warn("snapshot {}/{} failed its drill in '{}' and passed in '{}'; no repair requested because"
                + " verify.repair.url is not set: set it to storage's URL, or re-copy the snapshot by hand",
                deploymentId, snapshotId, brokenLocation, sourceLocation);
        return false;
    }
}
