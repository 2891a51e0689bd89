package org.chtbackup.couchdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.chtbackup.couchdb.ClusterDirectory;
import org.chtbackup.couchdb.DataDirectory;
import org.chtbackup.couchdb.DataDirectoryReport;
import org.chtbackup.couchdb.DatabaseSummary;
import org.chtbackup.couchdb.LastCommit;
import org.chtbackup.couchdb.Problem;
import org.chtbackup.couchdb.ShardReport;
import org.chtbackup.couchdb.ViewIndex;
import org.chtbackup.couchdb.WalkDepth;
import org.chtbackup.couchdb.header.ViewHeader;

/**
 * {@code inspect <datadir>}: one line per database, then versions, view indexes, whether every file
 * ends at its last valid header, and every WARNING and PROBLEM with its file. A folder of node folders (a
 * clustered host's restore) is read as the cluster: which node each folder is, and one copy per range. Warnings (a fallback
 * to an older header) leave the exit code at 0: CouchDB opens those files at that header too.
 */
final class DirectoryPrinter {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean listFiles;

    DirectoryPrinter(PrintWriter out, PrintWriter err, boolean listFiles) {
        this.out = out;
        this.err = err;
        this.listFiles = listFiles;
    }

    int print(Path dir, WalkDepth depth) throws IOException {
        if (ClusterDirectory.isCluster(dir)) {
            return printCluster(ClusterDirectory.inspect(dir, depth));
        }
        DataDirectoryReport report = DataDirectory.inspect(dir, depth);
        if (!report.isCouchDbData()) {
            err.println(dir + ": not a CouchDB data directory: no database file (*.couch) under it"
                    + (report.views().isEmpty() ? "" : ", only " + report.views().size() + " view index file(s)")
                    + " — pass the directory CouchDB's [couchdb] database_dir points to");
            return CouchFileCli.DAMAGE;
        }
        int problems = report.problems().size() + table(report.databases());
        report.files().stream().map(ShardReport::diskVersion).distinct().sorted()
                .forEach(v -> out.println("disk version " + v + ": "
                        + report.files().stream().filter(f -> f.diskVersion() == v).count() + " file(s)"));
        out.println(views(report) + (report.shardMap() == null ? ", no shard map"
                : ", shard map lists " + report.shardMap().databases().size() + " database(s)"));
        out.println(endings(report));
        if (listFiles) {
            listFiles(report);
        }
        for (DatabaseSummary d : report.databases()) {
            d.warnings().forEach(w -> out.println("WARNING " + d.name() + ": " + w));
        }
        report.warnings().forEach(w -> out.println("WARNING " + w));
        for (DatabaseSummary d : report.databases()) {
            for (Problem p : d.problems()) {
                out.println("PROBLEM " + d.name() + ": " + p);
            }
        }
        report.problems().forEach(p -> out.println("PROBLEM " + p));
        return problems == 0 ? CouchFileCli.OK : CouchFileCli.DAMAGE;
    }

    /** A clustered host's node folders: which node each is, the cluster's databases (one copy per range), problems. */
    private int printCluster(ClusterDirectory.Report cluster) {
        out.println("cluster of " + cluster.nodes().size() + " node folder(s): " + String.join(", ", cluster.nodes()
                .stream().map(n -> n.folder() + " = " + (n.node() == null ? "(no shard names its node)" : n.node()))
                .toList()));
        int problems = cluster.problems().size() + table(cluster.databases());
        out.println(cluster.shardMap() == null ? "no shard map"
                : "shard map lists " + cluster.shardMap().databases().size() + " database(s); counts are one copy per range");
        for (DatabaseSummary d : cluster.databases()) {
            d.warnings().forEach(w -> out.println("WARNING " + d.name() + ": " + w));
            d.problems().forEach(p -> out.println("PROBLEM " + d.name() + ": " + p));
        }
        cluster.warnings().forEach(w -> out.println("WARNING " + w));
        cluster.problems().forEach(p -> out.println("PROBLEM " + p));
        return problems == 0 ? CouchFileCli.OK : CouchFileCli.DAMAGE;
    }

    /** One line per database; returns how many problems they have. */
    private int table(List<DatabaseSummary> databases) {
        out.printf("%-32s %10s %10s %12s %6s  %s%n", "database", "doc_count", "deleted", "update_seq", "shards", "status");
        int problems = 0;
        for (DatabaseSummary d : databases) {
            out.printf("%-32s %10d %10d %12d %6d  %s%n", d.name(), d.docCount(), d.docDelCount(), d.updateSeqSum(),
                    d.shards(), status(d));
            problems += d.problems().size();
        }
        return problems;
    }

    private static String status(DatabaseSummary d) {
        if (!d.problems().isEmpty()) {
            return d.problems().size() + " problem(s)";
        }
        return d.warnings().isEmpty() ? "ok" : "ok, " + d.warnings().size() + " warning(s)";
    }

    private static String views(DataDirectoryReport report) {
        long notBuilt = report.views().stream().filter(v -> !v.built()).count();
        long legacy = report.views().stream()
                .filter(v -> ViewHeader.INDEX_HEADER_1X.equals(v.layout())).count();
        return report.views().size() + " view index file(s)"
                + (notBuilt > 0 ? ", " + notBuilt + " with no view built yet" : "")
                + (legacy > 0 ? ", " + legacy + " CouchDB 1.x index_header" : "");
    }

    /** Says that the check ran even when nothing fell back, so a clean report is not silent about it. */
    private static String endings(DataDirectoryReport report) {
        long total = report.files().size() + report.views().size();
        long fellBack = report.files().stream().filter(f -> f.lastCommit() != null && f.lastCommit().fellBack()).count()
                + report.views().stream().filter(v -> v.lastCommit() != null && v.lastCommit().fellBack()).count();
        return fellBack == 0 ? "every readable file ends at its last valid header"
                : fellBack + " of " + total + " file(s) do not end at their last valid header (see WARNING)";
    }

    private void listFiles(DataDirectoryReport report) {
        for (ShardReport f : report.files()) {
            out.printf("FILE %s: disk version %d, update_seq %d, %s%n", report.directory().relativize(f.file()),
                    f.diskVersion(), f.updateSeq(), commit(f.lastCommit()));
        }
        for (ViewIndex v : report.views()) {
            out.printf("FILE %s: view index (%s), update_seq %d, %s%n", report.directory().relativize(v.file()),
                    v.layout(), v.updateSeq(), commit(v.lastCommit()));
        }
    }

    private static String commit(LastCommit c) {
        return c == null ? "unreadable" : "header at " + c.headerOffset() + ", " + c.skippedHeaders()
                + " header(s) skipped, " + c.bytesAfter() + " byte(s) after it";
    }
}
