package org.chtbackup.verify.repair;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.chtbackup.contracts.events.DrillCompleted;

/**
 * Watches drill results per snapshot and location. When one location FAILs and another does not (PASS, or
 * INCOMPLETE with no failure: its bytes are proven), asks storage to repair the failed one from the good one and
 * schedules one re-drill of it. One repair per snapshot and location, so a copy storage cannot fix does not loop.
 */
public final class RepairCoordinator {

    /** What a re-drill needs; the manifest key is the one the failed drill used. */
    public record Redrill(String deploymentId, String snapshotId, String location) {
    }

    private final RepairClient client;
    private final Consumer<Redrill> redrill;
    private final Map<String, Map<String, DrillCompleted>> bySnapshot = new ConcurrentHashMap<>();
    private final Set<String> repaired = ConcurrentHashMap.newKeySet();

    /** @param redrill schedules a drill of that snapshot from that location (after storage had time to repair) */
    public RepairCoordinator(RepairClient client, Consumer<Redrill> redrill) {
        this.client = client;
        this.redrill = redrill;
    }

    public void onDrill(DrillCompleted drill) {
        Map<String, DrillCompleted> results = bySnapshot.computeIfAbsent(
                drill.deploymentId() + "/" + drill.snapshotId(), k -> new ConcurrentHashMap<>());
        results.put(drill.location(), drill);
        DrillCompleted good = results.values().stream().filter(d -> d.result() != DrillCompleted.Result.FAIL)
                .findFirst().orElse(null);
        if (good == null) {
            return;
        }
        for (DrillCompleted failed : List.copyOf(results.values())) {
            String key = failed.deploymentId() + "/" + failed.snapshotId() + "@" + failed.location();
            if (failed.result() == DrillCompleted.Result.FAIL && repaired.add(key)) {
                client.requestRepair(failed.deploymentId(), failed.snapshotId(), failed.location(), good.location(),
                        failed.failures());
                redrill.accept(new Redrill(failed.deploymentId(), failed.snapshotId(), failed.location()));
            }
        }
    }
}
