package org.chtbackup.storage.retention;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.chtbackup.contracts.events.PacksReleased;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.chtbackup.location.ObjectNotFoundException;
import org.chtbackup.storage.retention.PruneReport.LocationResult;
import org.chtbackup.storage.writing.ChunkActivity;
import org.chtbackup.storage.writing.DeploymentLocks;
import org.chtbackup.storage.writing.SnapshotIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link RetentionSettings} to one deployment in every location. First the snapshots the rules do not
 * keep are forgotten (manifest deleted, then its index). Then, under the deployment's lock (so no manifest is
 * being checked and written meanwhile), stored objects (packs, and the single-chunk objects of format-2 snapshots)
 * are compared with the indexes of kept snapshots and of snapshots still in progress (an index without manifest,
 * younger than the grace period); an index's list pieces ({@code <manifestId>.<n>.chunks}) count as part of it,
 * and a kept snapshot missing a piece stops the sweep. An object no index names is marked in
 * {@code <deployment>/prune/marks} with the time; a later prune deletes it only if it is still unreferenced and was
 * marked at least the grace period ago. An object a new snapshot has written but not yet named is therefore safe for
 * the whole grace period, and so is one this process received, or saw named by a list piece, within it.
 *
 * <p>A pack is deleted whole, and only once no kept snapshot names it: packs are never rewritten, since storage
 * cannot read them. A pack some of whose chunks are unused stays until every snapshot naming it is forgotten. CouchDB
 * files are append-only between compactions and packs are filled in file order, so a pack's chunks tend to fall out of
 * use together (after a compaction and the retention of the snapshots before it).
 */
public final class Pruner {

    private static final Logger log = LoggerFactory.getLogger(Pruner.class);

    private final List<Location> locations;
    private final RetentionSettings settings;
    private final RetentionPolicy policy;
    private final DeploymentLocks locks;
    private final ChunkActivity activity;
    private final Clock clock;
    private final PackReleases releases;

    public Pruner(List<Location> locations, RetentionSettings settings, DeploymentLocks locks, ChunkActivity activity,
            Clock clock) {
        this(locations, settings, locks, activity, clock, PackReleases.NONE);
    }

    public Pruner(List<Location> locations, RetentionSettings settings, DeploymentLocks locks, ChunkActivity activity,
            Clock clock, PackReleases releases) {
        this.releases = releases;
        this.activity = activity;
        this.locations = List.copyOf(locations);
        this.settings = settings;
        this.policy = new RetentionPolicy(settings);
        this.locks = locks;
        this.clock = clock;
    }

    public PruneReport prune(String deploymentId, boolean dryRun) {
        List<LocationResult> results = new ArrayList<>();
        for (Location location : locations) {
            try {
                results.add(prune(location, deploymentId, dryRun));
            } catch (LocationException e) {
                results.add(new LocationResult(location.name(), List.of(), List.of(), List.of(), 0,
                        List.of("prune stopped: " + e.getMessage())));
            }
        }
        return new PruneReport(deploymentId, dryRun, results);
    }

    static String marksKey(String deploymentId) {
        return deploymentId + "/prune/marks";
    }

    private LocationResult prune(Location location, String deploymentId, boolean dryRun) {
        List<String> ids = manifestIds(location, deploymentId);
        Set<String> kept = policy.keep(ids);
        List<String> forgotten = ids.stream().filter(id -> !kept.contains(id)).toList();
        List<String> problems = new ArrayList<>();
        if (!dryRun && !forgotten.isEmpty()) {
            Set<String> forget = new HashSet<>(forgotten);
            List<String> indexes = location.list(SnapshotIndex.prefix(deploymentId)).stream()
                    .filter(k -> k.endsWith(SnapshotIndex.SUFFIX) && forget.contains(SnapshotIndex.manifestId(k)))
                    .sorted((a, b) -> Boolean.compare(!SnapshotIndex.isPiece(a), !SnapshotIndex.isPiece(b)))
                    .toList();
            forgotten.forEach(id -> location.delete(ObjectLayout.manifestKey(deploymentId, id)));
            indexes.forEach(location::delete); // pieces first, each manifest's own index last
        }
        Sweep sweep = locks.with(deploymentId, () -> sweep(location, deploymentId, dryRun, problems));
        log.info("prune {} in '{}'{}: kept {}, forgot {}, deleted {} chunk(s), {} marked", deploymentId,
                location.name(), dryRun ? " (dry run)" : "", kept.size(), forgotten.size(), sweep.deleted().size(),
                sweep.marked());
        return new LocationResult(location.name(), List.copyOf(kept), forgotten, sweep.deleted(), sweep.marked(),
                problems);
    }

    private Sweep sweep(Location location, String deploymentId, boolean dryRun, List<String> problems) {
        Instant now = clock.instant();
        Set<String> manifests = new HashSet<>(manifestIds(location, deploymentId));
        Set<String> referenced = new HashSet<>(
                activity.seenSince(deploymentId + "/", now.minus(settings.gracePeriod())));
        Set<String> indexed = new HashSet<>();
        Set<String> indexKeys = new HashSet<>(location.list(SnapshotIndex.prefix(deploymentId)));
        for (String indexKey : new TreeSet<>(indexKeys)) {
            if (!indexKey.endsWith(SnapshotIndex.SUFFIX)) {
                continue;
            }
            String id = SnapshotIndex.manifestId(indexKey);
            indexed.add(id);
            Instant created = RetentionPolicy.timeOf(id);
            boolean inProgress = !manifests.contains(id)
                    && (created == null || created.plus(settings.gracePeriod()).isAfter(now));
            if (manifests.contains(id) || inProgress) {
                try (InputStream in = location.get(indexKey)) {
                    SnapshotIndex index = SnapshotIndex.decode(indexKey, in);
                    referenced.addAll(index.objectKeys());
                    for (int n = 0; n < index.pieces(); n++) {
                        if (!indexKeys.contains(SnapshotIndex.pieceKey(index.manifestKey(), n))) {
                            problems.add("index " + indexKey + " lacks piece " + n + " of its chunk list: no chunk "
                                    + "deleted — run repair on snapshot " + index.snapshotId());
                        }
                    }
                } catch (IOException | IllegalArgumentException e) {
                    problems.add("index " + indexKey + " unreadable (" + e.getMessage() + "): no chunk deleted");
                }
            } else if (!dryRun) {
                location.delete(indexKey); // a snapshot that never completed, older than the grace period
            }
        }
        for (String id : manifests) {
            if (!indexed.contains(id)) {
                problems.add("kept snapshot " + id + " has no chunk index: no chunk deleted — run repair on it from a "
                        + "location that has its index, or keep the chunks");
            }
        }
        if (!problems.isEmpty()) {
            return new Sweep(List.of(), 0);
        }
        Map<String, Instant> marks = readMarks(location, deploymentId);
        Map<String, Instant> newMarks = new TreeMap<>();
        List<String> deleted = new ArrayList<>();
        List<String> stored = new ArrayList<>(location.list(ObjectLayout.packsPrefix(deploymentId)));
        stored.addAll(location.list(ObjectLayout.chunksPrefix(deploymentId)));
        for (String chunk : stored) {
            if (referenced.contains(chunk)) {
                continue;
            }
            Instant marked = marks.get(chunk);
            if (marked != null && !marked.plus(settings.gracePeriod()).isAfter(now)) {
                deleted.add(chunk);
            } else {
                newMarks.put(chunk, marked != null ? marked : now);
            }
        }
        if (!dryRun) {
            if (!announce(location, deploymentId, deleted, newMarks.keySet(), problems)) {
                return new Sweep(List.of(), 0);
            }
            deleted.forEach(location::delete);
            writeMarks(location, deploymentId, newMarks);
        }
        return new Sweep(deleted, newMarks.size());
    }

    /**
     * Tells collectors about every marked or deleted pack before anything is deleted, each prune again (duplicates
     * are harmless, and a collector that missed one hears it well within the grace period). False if it could not.
     */
    private boolean announce(Location location, String deploymentId, List<String> deleted, Set<String> marked,
                             List<String> problems) {
        String packs = ObjectLayout.packsPrefix(deploymentId);
        List<String> ids = java.util.stream.Stream.concat(deleted.stream(), marked.stream())
                .filter(k -> k.startsWith(packs)).map(ObjectLayout::packIdOf).distinct().toList();
        try {
            for (int from = 0; from < ids.size(); from += PacksReleased.MAX_PACKS) {
                releases.released(deploymentId, location.name(),
                        ids.subList(from, Math.min(ids.size(), from + PacksReleased.MAX_PACKS)));
            }
            return true;
        } catch (RuntimeException e) {
            problems.add("collectors could not be told of " + ids.size() + " released pack(s) (" + e.getMessage()
                    + "): nothing deleted or marked, prune again once Kafka is back");
            return false;
        }
    }

    private static List<String> manifestIds(Location location, String deploymentId) {
        return location.list(ObjectLayout.snapshotsPrefix(deploymentId)).stream()
                .filter(k -> k.endsWith(ObjectLayout.MANIFEST_SUFFIX))
                .map(SnapshotIndex::manifestId)
                .toList();
    }

    private static Map<String, Instant> readMarks(Location location, String deploymentId) {
        Map<String, Instant> marks = new TreeMap<>();
        try (InputStream in = location.get(marksKey(deploymentId))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.strip().split(" ");
                if (parts.length == 2) {
                    marks.put(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])));
                }
            }
        } catch (ObjectNotFoundException e) {
            return marks;
        } catch (IOException | NumberFormatException e) {
            log.warn("prune marks of {} in '{}' unreadable, starting the grace period again: {}", deploymentId,
                    location.name(), e.toString());
        }
        return marks;
    }

    /** Replaces the marks; losing them only restarts the grace period, the safe direction. */
    private static void writeMarks(Location location, String deploymentId, Map<String, Instant> marks) {
        StringBuilder text = new StringBuilder();
        marks.forEach((k, t) -> text.append(k).append(' ').append(t.getEpochSecond()).append('\n'));
        location.delete(marksKey(deploymentId));
        if (!marks.isEmpty()) {
            location.put(marksKey(deploymentId), text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Sweep(List<String> deleted, int marked) {
    }
}
