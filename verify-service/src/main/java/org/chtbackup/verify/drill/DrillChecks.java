package org.chtbackup.verify.drill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.Root;
import org.chtbackup.couchdb.ClusterDirectory;
import org.chtbackup.couchdb.DatabaseSummary;
import org.chtbackup.verify.check.Findings;
import org.chtbackup.verify.check.LiveStatisticsCheck;
import org.chtbackup.verify.check.OfflineCouchCheck;
import org.chtbackup.verify.check.ScratchComparison;
import org.chtbackup.verify.scratch.ScratchBootFailed;
import org.chtbackup.verify.scratch.ScratchBootSkipped;
import org.chtbackup.verify.scratch.ScratchCouchDb;

/**
 * The checks after the bytes are proven: offline check of every {@code .couch} file, bounds against the live
 * statistics, then a scratch CouchDB on the restored directory compared with the files and torn down. A clustered
 * host's restore (one folder per node) boots a scratch cluster of as many nodes, under the source's node names.
 */
public final class DrillChecks {

    /** What booted for the comparison and how long it took to answer {@code GET /_up}; nulls when nothing booted. */
    record ScratchBoot(Long millis, String description) {
        static final ScratchBoot NONE = new ScratchBoot(null, null);
    }

    private final OfflineCouchCheck offline = new OfflineCouchCheck();
    private final LiveStatisticsCheck live = new LiveStatisticsCheck();
    private final ScratchCouchDb scratch;
    private final ScratchComparison comparison;

    public DrillChecks(ScratchCouchDb scratch, int sampleSize) {
        this.scratch = scratch;
        this.comparison = new ScratchComparison(sampleSize);
    }

    ScratchBoot run(Manifest manifest, Path restored, Phases phases, Findings findings) {
        Path data = restored.resolve(Root.COUCHDB_DATA.folder());
        phases.begin("offline-check");
        List<DatabaseSummary> databases = offline.check(data, findings);
        phases.begin("live-statistics");
        live.check(manifest, databases, findings);
        if (databases.isEmpty()) {
            findings.skip("scratch boot skipped: no readable database was restored");
            return ScratchBoot.NONE;
        }
        phases.begin("scratch-boot");
        String version = manifest.host() == null ? null : manifest.host().couchdbVersion();
        String node = manifest.host() == null ? null : manifest.host().nodeName();
        long launched = System.nanoTime();
        ScratchBoot boot = ScratchBoot.NONE;
        try (ScratchCouchDb.Running couch = boot(data, version, node)) {
            boot = new ScratchBoot((System.nanoTime() - launched) / 1_000_000, couch.description());
            phases.begin("scratch-compare");
            comparison.compare(databases, couch.http(), findings);
            phases.begin("scratch-teardown");
        } catch (ScratchBootSkipped e) {
            findings.skip(e.getMessage());
            notComparedWithScratch(databases, "scratch CouchDB not booted (see skipped)", findings);
        } catch (ScratchBootFailed e) {
            findings.fail(e.getMessage());
            notComparedWithScratch(databases, "scratch CouchDB did not start (see failures)", findings);
        }
        phases.end();
        return boot;
    }

    /** One node on the restored data directory, or, for a clustered host, one per node folder under their names. */
    private ScratchCouchDb.Running boot(Path data, String version, String node)
            throws ScratchBootSkipped, ScratchBootFailed {
        List<ClusterDirectory.NodeDirectory> nodes;
        try {
            nodes = ClusterDirectory.isCluster(data) ? ClusterDirectory.inspect(data, null).nodes() : List.of();
        } catch (IOException e) {
            throw new ScratchBootFailed("the restored node folders could not be read: " + e.getMessage(), e);
        }
        if (nodes.isEmpty()) {
            return scratch.start(data, version, node);
        }
        List<ScratchCouchDb.ClusterNode> cluster = new ArrayList<>();
        for (ClusterDirectory.NodeDirectory n : nodes) {
            if (n.node() == null) {
                throw new ScratchBootFailed("node folder " + n.folder() + " holds no shard that names its node, so no"
                        + " scratch node can be named after it", null);
            }
            cluster.add(new ScratchCouchDb.ClusterNode(n.node(), n.directory()));
        }
        return scratch.startCluster(cluster, version);
    }

    private static void notComparedWithScratch(List<DatabaseSummary> databases, String why, Findings findings) {
        for (DatabaseSummary db : databases) {
            if (!ScratchComparison.nodeLocal(db.name())) {
                findings.databases().notChecked(db.name(), why);
            }
        }
    }
}
