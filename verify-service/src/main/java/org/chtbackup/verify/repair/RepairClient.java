package org.chtbackup.verify.repair;

import java.util.List;

/** Asks storage to rewrite a snapshot's objects in {@code brokenLocation} from {@code sourceLocation}. */
public interface RepairClient {

    /**
     * @param reasons the failed drill's failures (file, chunk, count; never contents)
     * @return whether storage accepted the request; false when it refused or could not be reached (logged)
     */
    boolean requestRepair(String deploymentId, String snapshotId, String brokenLocation, String sourceLocation,
                          List<String> reasons);
}
