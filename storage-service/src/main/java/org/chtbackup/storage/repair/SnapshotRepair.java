package org.chtbackup.storage.repair;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;
import org.chtbackup.location.ObjectNotFoundException;
import org.chtbackup.storage.repair.RepairReport.Finding;
import org.chtbackup.storage.repair.RepairReport.Problem;
import org.chtbackup.storage.writing.SnapshotEvents;
import org.chtbackup.storage.writing.SnapshotIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs one snapshot across locations. For every object it needs, each location's copy is read and hashed; the
 * good copy is the content most locations agree on (a strict plurality; a tie is reported, never guessed). A
 * missing copy is written, a corrupt one deleted and rewritten. Chunks first (those named by the index and by its
 * chunk list pieces), then the pieces and the index, the manifest last,
 * and the manifest only where every chunk is now good, so repair never makes a manifest point at a bad chunk.
 */
public final class SnapshotRepair {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRepair.class);

    private final List<Location> locations;
    private final SnapshotEvents events;
    private final Clock clock;

    public SnapshotRepair(List<Location> locations, SnapshotEvents events, Clock clock) {
        this.locations = List.copyOf(locations);
        this.events = events;
        this.clock = clock;
    }

    public RepairReport repair(String deploymentId, String snapshotId) {
        Optional<String> manifestKey = findManifestKey(deploymentId, snapshotId);
        if (manifestKey.isEmpty()) {
            return new RepairReport(deploymentId, snapshotId, null, 0, List.of(new Finding("*",
                    ObjectLayout.snapshotsPrefix(deploymentId) + "*-" + snapshotId + ObjectLayout.MANIFEST_SUFFIX,
                    Problem.NO_GOOD_COPY, false, "no location has a manifest or index for this snapshot")));
        }
        List<Finding> findings = new ArrayList<>();
        Optional<SnapshotIndex> index = readIndex(manifestKey.get());
        Set<String> chunkKeys = new LinkedHashSet<>(index.map(SnapshotIndex::objectKeys).orElse(List.of()));
        List<String> indexKeys = new ArrayList<>();
        if (index.isPresent()) {
            for (int n = 0; n < index.get().pieces(); n++) {
                String pieceKey = SnapshotIndex.pieceKey(manifestKey.get(), n);
                Optional<SnapshotIndex> piece = readIndex(pieceKey, pieceKey);
                piece.ifPresent(p -> chunkKeys.addAll(p.objectKeys()));
                indexKeys.add(pieceKey); // compared even when no location can read it: then reported, never guessed
            }
            indexKeys.add(index.get().key());
        }
        List<String> keys = new ArrayList<>(chunkKeys);
        keys.addAll(indexKeys);
        if (index.isEmpty()) {
            findings.add(new Finding("*", SnapshotIndex.keyOf(manifestKey.get()), Problem.NO_GOOD_COPY, false,
                    "no location has this snapshot's chunk index: only the manifest was compared"));
        }
        Map<String, Boolean> allGood = new HashMap<>();
        locations.forEach(l -> allGood.put(l.name(), true));
        for (String key : keys) {
            for (Finding f : compareAndFix(key)) {
                findings.add(f);
                if (!f.repaired()) {
                    allGood.put(f.location(), false);
                }
            }
        }
        for (Finding f : compareAndFix(manifestKey.get(), allGood)) {
            findings.add(f);
            if (f.repaired() && f.problem() == Problem.MISSING) {
                events.stored(new SnapshotStored(SnapshotStored.VERSION, deploymentId, snapshotId, f.location(),
                        manifestKey.get(), chunkKeys.size(), clock.instant()));
            }
        }
        RepairReport report = new RepairReport(deploymentId, snapshotId, manifestKey.get(), keys.size() + 1, findings);
        log.info("repair of {}/{}: {} object(s) compared in {} location(s), {} finding(s), healthy={}", deploymentId,
                snapshotId, report.objects(), locations.size(), findings.size(), report.healthy());
        return report;
    }

    private List<Finding> compareAndFix(String key) {
        return compareAndFix(key, null);
    }

    /** Compares one key everywhere and fixes bad copies; {@code writable} (if given) limits where to write. */
    private List<Finding> compareAndFix(String key, Map<String, Boolean> writable) {
        Map<Location, Copy> copies = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Location location : locations) {
            try {
                copies.put(location, Copy.read(location, key));
            } catch (LocationException e) {
                findings.add(new Finding(location.name(), key, Problem.UNAVAILABLE, false, e.getMessage()));
            }
        }
        Map<String, Integer> votes = new HashMap<>();
        copies.values().stream().filter(Copy::present).forEach(c -> votes.merge(c.sha256(), 1, Integer::sum));
        int best = votes.values().stream().max(Integer::compare).orElse(0);
        List<String> leaders = votes.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
        Copy good = leaders.size() == 1
                ? copies.values().stream().filter(c -> c.present() && c.sha256().equals(leaders.get(0))).findFirst().get()
                : null;
        for (Map.Entry<Location, Copy> entry : copies.entrySet()) {
            Location location = entry.getKey();
            Copy copy = entry.getValue();
            if (good != null && copy.present() && copy.sha256().equals(good.sha256())) {
                continue;
            }
            Problem problem = copy.present() ? Problem.CORRUPT : Problem.MISSING;
            String seen = copy.present() ? copy.size() + " bytes sha256 " + copy.sha256().substring(0, 12) + "…" : "absent";
            if (good == null) {
                if (copy.present() && votes.size() == 1) {
                    continue;
                }
                findings.add(new Finding(location.name(), key, Problem.NO_GOOD_COPY, false, seen + "; "
                        + (votes.isEmpty() ? "no location has it" : "locations disagree with no majority: " + votes.size()
                        + " different contents — restore-test each copy and delete the bad one by hand")));
            } else if (writable != null && !writable.getOrDefault(location.name(), true)) {
                findings.add(new Finding(location.name(), key, problem, false, seen
                        + "; not written: some chunk of this snapshot is still bad there"));
            } else {
                findings.add(fix(location, key, problem, copy, good, seen));
            }
        }
        return findings;
    }

    private static Finding fix(Location location, String key, Problem problem, Copy bad, Copy good, String seen) {
        String expected = "expected " + good.size() + " bytes sha256 " + good.sha256().substring(0, 12) + "…";
        try {
            if (bad.present()) {
                location.delete(key);
            }
            location.put(key, good.bytes());
            Copy after = Copy.read(location, key);
            boolean ok = after.present() && after.sha256().equals(good.sha256());
            log.warn("repair: {} copy of {} in '{}' ({}; {}) rewritten{}", problem, key, location.name(), seen, expected,
                    ok ? "" : " but still differs");
            return new Finding(location.name(), key, problem, ok, seen + "; " + expected + (ok ? "; rewritten" : "; rewrite did not take"));
        } catch (LocationException e) {
            return new Finding(location.name(), key, problem, false, seen + "; " + expected + "; rewrite failed: " + e.getMessage());
        }
    }

    private Optional<String> findManifestKey(String deploymentId, String snapshotId) {
        String manifestSuffix = "-" + snapshotId + ObjectLayout.MANIFEST_SUFFIX;
        String indexSuffix = "-" + snapshotId + SnapshotIndex.SUFFIX;
        for (Location location : locations) {
            try {
                Optional<String> key = location.list(ObjectLayout.snapshotsPrefix(deploymentId)).stream()
                        .filter(k -> k.endsWith(manifestSuffix)).findFirst()
                        .or(() -> location.list(SnapshotIndex.prefix(deploymentId)).stream()
                                .filter(k -> k.endsWith(indexSuffix)).findFirst().map(SnapshotIndex::manifestKeyOf));
                if (key.isPresent()) {
                    return key;
                }
            } catch (LocationException e) {
                log.warn("repair: listing '{}' failed, trying the others: {}", location.name(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    private Optional<SnapshotIndex> readIndex(String manifestKey) {
        return readIndex(manifestKey, SnapshotIndex.keyOf(manifestKey));
    }

    private Optional<SnapshotIndex> readIndex(String manifestKey, String key) {
        for (Location location : locations) {
            try (InputStream in = location.get(key)) {
                return Optional.of(SnapshotIndex.decode(key, in));
            } catch (LocationException | IOException | IllegalArgumentException e) {
                // absent, unreadable or damaged here: the next location may have a good copy
            }
        }
        return Optional.empty();
    }

    /** One location's copy of one object: its bytes and digest, or absent. */
    record Copy(byte[] bytes, String sha256) {

        boolean present() {
            return bytes != null;
        }

        long size() {
            return bytes == null ? 0 : bytes.length;
        }

        static Copy read(Location location, String key) {
            try (InputStream in = location.get(key)) {
                byte[] bytes = in.readAllBytes();
                return new Copy(bytes, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            } catch (ObjectNotFoundException e) {
                return new Copy(null, null);
            } catch (IOException e) {
                throw new LocationException("location '" + location.name() + "' failed reading " + key, true, e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
    }
}
