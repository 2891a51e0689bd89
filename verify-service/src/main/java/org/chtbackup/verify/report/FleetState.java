package org.chtbackup.verify.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.chtbackup.contracts.events.DrillCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What verify knows about the fleet: the newest snapshot seen per deployment and where it is stored, and the
 * last drill per deployment and location. Rebuilt at start from the JSON reports, so a restart forgets nothing
 * that matters for the schedule and the fleet page.
 */
public final class FleetState {

    private static final Logger log = LoggerFactory.getLogger(FleetState.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The newest snapshot of a deployment as far as verify has seen. */
    public record Snapshot(String snapshotId, Instant storedAt, TreeSet<String> locations) {
    }

    private final Map<String, Snapshot> newest = new ConcurrentHashMap<>();
    private final Map<String, Map<String, DrillCompleted>> drills = new ConcurrentHashMap<>();
    /** The last {@value #TREND} drill results per deployment and location, by finish time. */
    private final Map<String, TreeMap<Instant, DrillCompleted.Result>> trends = new ConcurrentHashMap<>();
    static final int TREND = 5;

    /** A snapshot is complete in a location. Older snapshots than the newest known are ignored. */
    public synchronized void stored(String deploymentId, String snapshotId, String location, Instant storedAt) {
        Snapshot current = newest.get(deploymentId);
        if (current == null || (!current.snapshotId().equals(snapshotId) && storedAt.isAfter(current.storedAt()))) {
            current = new Snapshot(snapshotId, storedAt, new TreeSet<>());
            newest.put(deploymentId, current);
        }
        if (current.snapshotId().equals(snapshotId)) {
            current.locations().add(location);
        }
    }

    public synchronized void drilled(DrillCompleted drill) {
        Map<String, DrillCompleted> perLocation = drills.computeIfAbsent(drill.deploymentId(),
                k -> new ConcurrentHashMap<>());
        DrillCompleted previous = perLocation.get(drill.location());
        if (previous == null || !previous.finishedAt().isAfter(drill.finishedAt())) {
            perLocation.put(drill.location(), drill);
        }
        TreeMap<Instant, DrillCompleted.Result> trend = trends.computeIfAbsent(
                drill.deploymentId() + "\u0000" + drill.location(), k -> new TreeMap<>());
        trend.put(drill.finishedAt(), drill.result());
        while (trend.size() > TREND) {
            trend.pollFirstEntry();
        }
    }

    /** The last few drill results of a deployment from a location, oldest first. */
    public synchronized List<DrillCompleted.Result> trend(String deploymentId, String location) {
        return List.copyOf(trends.getOrDefault(deploymentId + "\u0000" + location, new TreeMap<>()).values());
    }

    public Optional<Snapshot> newest(String deploymentId) {
        return Optional.ofNullable(newest.get(deploymentId));
    }

    public Optional<DrillCompleted> lastDrill(String deploymentId, String location) {
        return Optional.ofNullable(drills.getOrDefault(deploymentId, Map.of()).get(location));
    }

    /** Every deployment seen in a stored snapshot or a drill, sorted. */
    public List<String> deployments() {
        TreeSet<String> all = new TreeSet<>(newest.keySet());
        all.addAll(drills.keySet());
        return new ArrayList<>(all);
    }

    /** Last drills of one deployment by location, sorted by location. */
    public Map<String, DrillCompleted> lastDrills(String deploymentId) {
        return new TreeMap<>(drills.getOrDefault(deploymentId, Map.of()));
    }

    /** Reads every {@code <deployment>/*.json} report under {@code reportDir}; unreadable files are logged. */
    public void load(Path reportDir) {
        if (!Files.isDirectory(reportDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(reportDir, 2)) {
            files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(Comparator.naturalOrder())
                    .forEach(this::loadOne);
        } catch (IOException e) {
            log.warn("reading earlier drill reports under {} failed: {}", reportDir, e.getMessage());
        }
    }

    private void loadOne(Path file) {
        try {
            drilled(JSON.readValue(Files.readAllBytes(file), DrillCompleted.class));
        } catch (IOException | RuntimeException e) {
            log.warn("drill report {} is unreadable and ignored: {}", file, e.getMessage());
        }
    }
}
