package org.chtbackup.verify.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.chtbackup.couchdb.ClusterDirectory;
import org.chtbackup.couchdb.DataDirectory;
import org.chtbackup.couchdb.DataDirectoryReport;
import org.chtbackup.couchdb.DatabaseSummary;
import org.chtbackup.couchdb.Problem;
import org.chtbackup.couchdb.WalkDepth;

/**
 * Reads every restored {@code .couch} file with the project's CouchDB file reader, without CouchDB: headers,
 * btrees, bodies, attachment digests, shard map. Per-database counts summed over shards are the copied files'
 * own figures, the exact reference for everything compared after. A clustered host's restore (one folder per
 * node) is checked as a cluster: every range against the nodes the shard map places it on, counts one copy per range.
 */
public final class OfflineCouchCheck {

    /** Problems listed per drill before the rest are only counted, so a wrecked file does not flood a report. */
    static final int MAX_LISTED = 25;

    /** The per-database summaries, or an empty list when there was nothing readable (a failure is recorded). */
    public List<DatabaseSummary> check(Path couchdbData, Findings findings) {
        if (!Files.isDirectory(couchdbData)) {
            findings.fail("the snapshot restored no CouchDB data directory (" + couchdbData.getFileName()
                    + "): nothing to check");
            return List.of();
        }
        List<DatabaseSummary> databases;
        List<Problem> directoryProblems;
        try {
            if (ClusterDirectory.isCluster(couchdbData)) {
                ClusterDirectory.Report cluster = ClusterDirectory.inspect(couchdbData, WalkDepth.BODIES);
                databases = cluster.databases();
                directoryProblems = cluster.problems();
            } else {
                DataDirectoryReport report = DataDirectory.inspect(couchdbData, WalkDepth.BODIES);
                databases = report.databases();
                directoryProblems = report.problems();
            }
        } catch (IOException | RuntimeException e) {
            findings.fail("CouchDB data directory could not be read offline: " + e.getMessage());
            return List.of();
        }
        int listed = 0;
        int total = 0;
        findings.databases().restored(databases);
        databases.stream().filter(db -> ScratchComparison.nodeLocal(db.name())).forEach(db -> findings
                .databases().note(db.name(), "node-local database: no HTTP API serves it, checked offline only"));
        for (DatabaseSummary db : databases) {
            for (Problem p : db.problems()) {
                total++;
                if (listed++ < MAX_LISTED) {
                    findings.failDatabase(db.name(), relative(couchdbData, p));
                } else {
                    findings.databases().fail(db.name(), "more problems in its files than the report lists");
                }
            }
        }
        for (Problem p : directoryProblems) {
            total++;
            if (listed++ < MAX_LISTED) {
                findings.fail("data directory: " + relative(couchdbData, p));
            }
        }
        if (total > MAX_LISTED) {
            findings.fail("... and " + (total - MAX_LISTED) + " more problems in the CouchDB files (run"
                    + " couchdb-file inspect on a restore for all of them)");
        }
        if (databases.isEmpty()) {
            findings.fail("the restored CouchDB data directory holds no database file");
        }
        return databases;
    }

    private static String relative(Path dir, Problem p) {
        Path file = p.file() == null ? null : (p.file().startsWith(dir) ? dir.relativize(p.file()) : p.file());
        return (file == null ? "" : "file " + file + (p.offset() >= 0 ? " @" + p.offset() : "") + ": ") + p.message();
    }
}
