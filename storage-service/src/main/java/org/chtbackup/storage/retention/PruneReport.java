package org.chtbackup.storage.retention;

import java.util.List;

/**
 * What a prune did for one deployment, per location.
 *
 * @param deploymentId the deployment
 * @param dryRun       true when nothing was deleted, only reported
 * @param locations    one result per location
 */
public record PruneReport(String deploymentId, boolean dryRun, List<LocationResult> locations) {

    public PruneReport {
        locations = List.copyOf(locations);
    }

    /**
     * @param location      the location
     * @param kept          manifest ids kept
     * @param forgotten     manifest ids deleted (or that would be, in a dry run)
     * @param chunksDeleted chunk keys deleted: unreferenced for longer than the grace period
     * @param chunksMarked  chunks unreferenced now, deleted by a later prune if still unreferenced after the grace period
     * @param problems      what stopped part of the prune, e.g. an unreachable location or a kept snapshot without index
     */
    public record LocationResult(String location, List<String> kept, List<String> forgotten, List<String> chunksDeleted,
            int chunksMarked, List<String> problems) {
    }
}
