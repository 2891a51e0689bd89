package org.chtbackup.couchdb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chtbackup.couchdb.CouchFile;
import org.chtbackup.couchdb.DataDirectory;
import org.chtbackup.couchdb.DataDirectoryReport;
import org.chtbackup.couchdb.DatabaseSummary;
import org.chtbackup.couchdb.Problem;
import org.chtbackup.couchdb.ViewIndex;
import org.chtbackup.couchdb.WalkCounts;
import org.chtbackup.couchdb.WalkDepth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Exit code 0 when every file is sound, 1 when any problem was found, 2 on a usage error. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Counts, versions and problems of a .couch/.view file or a whole data directory.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file|datadir>")
    Path target;

    @Option(names = "--headers-only", description = "Read headers and root reductions only (fast, no walk).")
    boolean headersOnly;

    @Option(names = "--trees-only", description = "Walk btrees but do not read bodies or attachments.")
    boolean treesOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WalkDepth depth = headersOnly ? null : treesOnly ? WalkDepth.TREES : WalkDepth.BODIES;
        if (Files.isDirectory(target)) {
            return directory(out, DataDirectory.inspect(target, depth));
        }
        if (target.getFileName().toString().endsWith(".view")) {
            ViewIndex v = ViewIndex.read(target);
            out.printf("%s: view index signature %s (%s header), update_seq %d, purge_seq %d, %d views, id btree %d bytes, "
                    + "file %d bytes%n", target, v.signature(), v.layout(), v.updateSeq(), v.purgeSeq(), v.views(),
                    v.idBtreeSize(), v.fileSize());
            v.problems().forEach(p -> out.println("  PROBLEM " + p));
            return v.problems().isEmpty() ? 0 : 1;
        }
        try (CouchFile db = CouchFile.open(target)) {
            var h = db.header();
            out.printf("%s: disk version %d, update_seq %d, doc_count %d, doc_del_count %d, header at %d (%s)%s%n",
                    target, h.diskVersion(), h.updateSeq(), db.docCount(), db.docDelCount(), db.headerOffset(),
                    db.headerChecksum(), db.rejectedHeaders() > 0 ? ", " + db.rejectedHeaders() + " newer torn header(s) skipped" : "");
            if (depth != null) {
                WalkCounts w = db.walkCounts(depth);
                out.printf("  walk: %d live, %d deleted, %d seq entries, %d local, %d purges, id tree depth %d, %d bodies, "
                        + "%d attachments%n", w.docCount(), w.docDelCount(), w.seqCount(), w.localDocs(), w.purgeCount(),
                        w.idTreeDepth(), w.bodies(), w.attachments());
            }
            db.problems().forEach(p -> out.println("  PROBLEM " + p));
            return db.problems().isEmpty() ? 0 : 1;
        }
    }

    private int directory(PrintWriter out, DataDirectoryReport report) {
        out.printf("%-32s %10s %10s %12s %6s  %s%n", "database", "doc_count", "deleted", "update_seq", "shards", "status");
        int problems = report.problems().size();
        for (DatabaseSummary d : report.databases()) {
            out.printf("%-32s %10d %10d %12d %6d  %s%n", d.name(), d.docCount(), d.docDelCount(), d.updateSeqSum(),
                    d.shards(), d.ok() ? "ok" : d.problems().size() + " problem(s)");
            problems += d.problems().size();
        }
        report.files().stream().map(f -> f.diskVersion()).distinct().sorted()
                .forEach(v -> out.println("disk version " + v + ": "
                        + report.files().stream().filter(f -> f.diskVersion() == v).count() + " file(s)"));
        out.println(report.views().size() + " view index file(s)"
                + (report.shardMap() == null ? ", no shard map" : ", shard map lists " + report.shardMap().databases().size()
                + " database(s)"));
        for (DatabaseSummary d : report.databases()) {
            for (Problem p : d.problems()) {
                out.println("PROBLEM " + d.name() + ": " + p);
            }
        }
        report.problems().forEach(p -> out.println("PROBLEM " + p));
        return problems == 0 ? 0 : 1;
    }
}
