package org.chtbackup.verify.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.location.Location;
import org.chtbackup.verify.restore.RestoreOutcome;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one drill: manifest → every chunk → reassembled files → SHA-256 against the manifest. The measured
 * wall time is the deployment's real restore time from that location.
 */
public final class DrillRunner {

    private static final Logger log = LoggerFactory.getLogger(DrillRunner.class);

    private final Map<String, Location> locations;
    private final SnapshotRestorer restorer;
    private final Path scratchRoot;
    private final boolean keepRestored;
    private final Consumer<DrillCompleted> report;
    private final Clock clock;

    public DrillRunner(Map<String, Location> locations, SnapshotRestorer restorer, Path scratchRoot,
                       boolean keepRestored, Consumer<DrillCompleted> report, Clock clock) {
        this.locations = Map.copyOf(locations);
        this.restorer = restorer;
        this.scratchRoot = scratchRoot;
        this.keepRestored = keepRestored;
        this.report = report;
        this.clock = clock;
    }

    /** Drills {@code manifestKey} of {@code deploymentId} from the named location and reports the result. */
    public DrillCompleted drill(String deploymentId, String snapshotId, String locationName, String manifestKey) {
        String drillId = clock.instant().toString().replaceAll("[:.]", "") + "-" + UUID.randomUUID().toString()
                .substring(0, 8);
        Instant started = clock.instant();
        List<String> failures = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        Location location = locations.get(locationName);
        Path target = scratchRoot.resolve(deploymentId).resolve(drillId);
        if (location == null) {
            failures.add("location '" + locationName + "' is not configured in verify.locations: cannot drill it");
        } else {
            try {
                Manifest manifest = restorer.readManifest(location, manifestKey);
                checkIdentity(manifest, deploymentId, snapshotId, failures);
                RestoreOutcome outcome = restorer.restore(location, manifest, target);
                files = outcome.files();
                bytes = outcome.bytes();
                failures.addAll(outcome.failures());
                if (outcome.files() != manifest.files().size()) {
                    failures.add("restored " + outcome.files() + " of " + manifest.files().size() + " files");
                }
            } catch (IOException | RuntimeException e) {
                failures.add("manifest " + manifestKey + ": " + e.getMessage());
            }
        }
        Instant finished = clock.instant();
        DrillCompleted result = new DrillCompleted(DrillCompleted.VERSION, drillId, deploymentId, snapshotId,
                locationName, failures.isEmpty() ? DrillCompleted.Result.PASS : DrillCompleted.Result.FAIL, failures,
                files, bytes, finished.toEpochMilli() - started.toEpochMilli(), started, finished);
        if (!keepRestored) {
            deleteTree(target);
        }
        log.info("drill {} of {}/{} from '{}': {} ({} files, {} bytes, {} ms){}", drillId, deploymentId, snapshotId,
                locationName, result.result(), files, bytes, result.restoreMillis(),
                failures.isEmpty() ? "" : " first failure: " + failures.get(0));
        report.accept(result);
        return result;
    }

    /** Where a kept restore lives, for operators and tests. */
    public Path restoredPath(DrillCompleted drill) {
        return scratchRoot.resolve(drill.deploymentId()).resolve(drill.drillId());
    }

    private static void checkIdentity(Manifest manifest, String deploymentId, String snapshotId, List<String> failures) {
        if (!manifest.deploymentId().equals(deploymentId) || !manifest.snapshotId().equals(snapshotId)) {
            failures.add("manifest names " + manifest.deploymentId() + "/" + manifest.snapshotId() + ", expected "
                    + deploymentId + "/" + snapshotId);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning scratch " + dir + " failed", e);
        }
    }
}
