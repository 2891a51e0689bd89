package org.chtbackup.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.events.EventChecks;
import org.chtbackup.storage.policy.PolicyReport;
import org.chtbackup.storage.repair.RepairReport;
import org.chtbackup.storage.repair.SnapshotRepair;
import org.chtbackup.storage.resilience.ResilientLocation;
import org.chtbackup.storage.retention.PruneReport;
import org.chtbackup.storage.retention.Pruner;
import org.chtbackup.storage.status.StatusBoard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's HTTP surface: status (3-2-1, breakers, degraded snapshots), repair and prune. */
@RestController
class StorageController {

    private final PolicyReport policy;
    private final List<ResilientLocation> locations;
    private final StatusBoard board;
    private final SnapshotRepair repair;
    private final Pruner pruner;

    StorageController(PolicyReport policy, List<ResilientLocation> locations, StatusBoard board, SnapshotRepair repair,
            Pruner pruner) {
        this.policy = policy;
        this.locations = locations;
        this.board = board;
        this.repair = repair;
        this.pruner = pruner;
    }

    @GetMapping("/storage/status")
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("policy", policy);
        Map<String, String> breakers = new LinkedHashMap<>();
        locations.forEach(l -> breakers.put(l.name(), l.state()));
        status.put("locations", breakers);
        status.put("notComplete", board.notComplete());
        return status;
    }

    @PostMapping("/storage/repair/{deploymentId}/{snapshotId}")
    RepairReport repair(@PathVariable String deploymentId, @PathVariable String snapshotId) {
        return repair.repair(checked(deploymentId), snapshotId);
    }

    @PostMapping("/storage/prune/{deploymentId}")
    PruneReport prune(@PathVariable String deploymentId, @RequestParam(defaultValue = "true") boolean dryRun) {
        return pruner.prune(checked(deploymentId), dryRun);
    }

    private static String checked(String deploymentId) {
        if (!EventChecks.isDeploymentId(deploymentId)) {
            throw new IllegalArgumentException("deployment id '" + deploymentId + "' is invalid: 1-63 lowercase "
                    + "letters, digits or '-'");
        }
        return deploymentId;
    }
}
