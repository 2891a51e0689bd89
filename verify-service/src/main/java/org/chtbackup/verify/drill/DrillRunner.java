package org.chtbackup.verify.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.location.Location;
import org.chtbackup.verify.check.Findings;
import org.chtbackup.verify.restore.RestoreOutcome;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one drill: manifest → every chunk → reassembled files → SHA-256 against the manifest → {@link DrillChecks}
 * (offline file check, live statistics, scratch CouchDB). The measured wall time is the deployment's real restore
 * time (RTO) from that location. Thread-safe: drills may run side by side (each restores a whole snapshot to its
 * own scratch folder; how many at once is the queue's business). Reports pass through {@link ReportPrivacy}.
 */
public final class DrillRunner {

    private static final Logger log = LoggerFactory.getLogger(DrillRunner.class);

    /** A drill id: its start as an instant without ':' or '.', then 8 hex digits ({@link #drill}). */
    private static final Pattern DRILL_ID = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d+Z-[0-9a-f]{8}");

    private final Map<String, Location> locations;
    private final SnapshotRestorer restorer;
    private final DrillChecks checks;
    private final Path scratchRoot;
    private final boolean keepRestored;
    private final ReportPrivacy privacy;
    private final Consumer<DrillCompleted> report;
    private final Clock clock;

    public DrillRunner(Map<String, Location> locations, SnapshotRestorer restorer, DrillChecks checks,
                       Path scratchRoot, boolean keepRestored, ReportPrivacy privacy, Consumer<DrillCompleted> report,
                       Clock clock) {
        this.locations = Map.copyOf(locations);
        this.restorer = restorer;
        this.checks = checks;
        this.scratchRoot = scratchRoot;
        this.keepRestored = keepRestored;
        this.privacy = privacy;
        this.report = report;
        this.clock = clock;
    }

    /** The configured locations, by name. */
    public Map<String, Location> locations() {
        return locations;
    }

    /** Drills {@code manifestKey} of {@code deploymentId} from the named location and reports the result. */
    public DrillCompleted drill(String deploymentId, String snapshotId, String locationName, String manifestKey) {
        String drillId = clock.instant().toString().replaceAll("[:.]", "") + "-" + UUID.randomUUID().toString()
                .substring(0, 8);
        Instant started = clock.instant();
        Phases phases = new Phases(clock);
        Findings findings = new Findings();
        int files = 0;
        long bytes = 0;
        String couchdbVersion = null;
        String manifestSha256 = null;
        boolean bytesProven = false;
        Long filesRestoredMillis = null;
        DrillChecks.ScratchBoot boot = DrillChecks.ScratchBoot.NONE;
        Location location = locations.get(locationName);
        Path target = scratchRoot.resolve(deploymentId).resolve(drillId);
        if (location == null) {
            findings.fail("location '" + locationName + "' is not configured in verify.locations: cannot drill it");
        } else {
            try {
                phases.begin("manifest");
                SnapshotRestorer.ManifestRead read = restorer.readManifestAndDigest(location, manifestKey);
                Manifest manifest = read.manifest();
                manifestSha256 = read.objectSha256();
                couchdbVersion = manifest.host() == null ? null : manifest.host().couchdbVersion();
                checkIdentity(manifest, deploymentId, snapshotId, findings);
                findings.databases().live(manifest.liveBefore(), manifest.liveAfter());
                phases.begin("restore");
                RestoreOutcome outcome = restorer.restore(location, manifest, target);
                files = outcome.files();
                bytes = outcome.bytes();
                findings.failAll(outcome.failures());
                if (outcome.files() != manifest.files().size()) {
                    findings.fail("restored " + outcome.files() + " of " + manifest.files().size() + " files");
                }
                filesRestoredMillis = clock.millis() - started.toEpochMilli();
                bytesProven = !findings.failed();
                if (findings.failed()) {
                    findings.skip("offline check and scratch boot skipped: the restore itself failed");
                    findings.databases().names().forEach(db -> findings.databases().notChecked(db,
                            "not checked: the restore failed"));
                } else {
                    boot = checks.run(manifest, target, phases, findings);
                }
            } catch (IOException | RuntimeException e) {
                findings.fail("manifest " + manifestKey + " in location '" + locationName + "': " + e.getMessage());
            } catch (LinkageError e) {
                // This verify cannot restore (e.g. zstd's native code would not load): the copy is not proven.
                findings.fail("this verify could not restore from '" + locationName + "': "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        Instant finished = clock.instant();
        phases.begin("cleanup");
        if (!keepRestored) {
            deleteTree(target);
        }
        Map<String, Long> timings = phases.millis();
        List<String> failures = privacy.redact(findings.failures());
        List<String> skipped = privacy.redact(findings.skipped());
        DrillCompleted result = new DrillCompleted(DrillCompleted.VERSION, drillId, deploymentId, snapshotId,
                locationName, DrillCompleted.resultOf(failures, skipped), failures, files, bytes,
                finished.toEpochMilli() - started.toEpochMilli(), started, finished, skipped, timings,
                couchdbVersion, bytesProven ? DrillCompleted.Result.PASS : DrillCompleted.Result.FAIL,
                findings.databases().comparisons().stream().map(privacy::redact).toList(), filesRestoredMillis,
                boot.millis(), boot.description(), manifestKey, manifestSha256);
        log.info("drill {} of {}/{} from '{}': {} (restore {}, {} files, {} bytes, {} ms){}", drillId, deploymentId,
                snapshotId, locationName, result.result(), result.restore(), files, bytes, result.restoreMillis(),
                failures.isEmpty() ? (skipped.isEmpty() ? "" : " skipped: " + skipped.get(0))
                        : " first failure: " + failures.get(0));
        report.accept(result);
        return result;
    }

    /**
     * Deletes what drills that died with an earlier process (SIGKILL, power loss) left under the scratch root: their
     * restores hold the host's files in clear, its .env and TLS key among them. Called once at startup, before any
     * drill runs; with {@code verify.keep-restored} nothing is deleted (those restores are kept on purpose).
     * Only {@code <deployment>/<drillId>} folders are touched, never the scratch CouchDB launchers' folders.
     *
     * @return how many restores were deleted
     */
    public int removeRestoresOfDrillsThatDied() {
        if (keepRestored || !Files.isDirectory(scratchRoot)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> deployments = Files.list(scratchRoot)) {
            for (Path deployment : deployments.filter(Files::isDirectory).toList()) {
                try (Stream<Path> drills = Files.list(deployment)) {
                    for (Path drill : drills.filter(d -> DRILL_ID.matcher(d.getFileName().toString()).matches())
                            .toList()) {
                        deleteTree(drill);
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cleaning the scratch folder " + scratchRoot + " failed", e);
        }
        if (removed > 0) {
            log.warn("deleted {} restore(s) left in {} by drills that did not finish (verify stopped during them)",
                    removed, scratchRoot);
        }
        return removed;
    }

    /** Where a kept restore lives, for operators and tests. */
    public Path restoredPath(DrillCompleted drill) {
        return scratchRoot.resolve(drill.deploymentId()).resolve(drill.drillId());
    }

    private static void checkIdentity(Manifest manifest, String deploymentId, String snapshotId, Findings findings) {
        if (!manifest.deploymentId().equals(deploymentId) || !manifest.snapshotId().equals(snapshotId)) {
            findings.fail("manifest names " + manifest.deploymentId() + "/" + manifest.snapshotId() + ", expected "
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
