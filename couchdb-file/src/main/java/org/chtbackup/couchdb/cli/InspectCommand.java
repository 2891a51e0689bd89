package org.chtbackup.couchdb.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chtbackup.couchdb.CouchFile;
import org.chtbackup.couchdb.ViewIndex;
import org.chtbackup.couchdb.WalkCounts;
import org.chtbackup.couchdb.WalkDepth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Exit 0 when everything read is sound (warnings may be printed), 1 on damage or input that is not
 * CouchDB data, 2 on a usage error, 3 when the path does not exist. See {@link CouchFileCli}.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Counts, versions and problems of a .couch/.view file or a whole data directory.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file|datadir>")
    Path target;

    @Option(names = "--headers-only", description = "Read headers and root reductions only (fast, no walk).")
    boolean headersOnly;

    @Option(names = "--trees-only", description = "Walk btrees but do not read bodies or attachments.")
    boolean treesOnly;

    @Option(names = "--files", description = "For a data directory, also list every file: header offset, skipped"
            + " headers and bytes after the last valid header.")
    boolean listFiles;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (headersOnly && treesOnly) {
            err.println("inspect: --headers-only and --trees-only exclude each other (see 'inspect --help')");
            return CouchFileCli.USAGE;
        }
        WalkDepth depth = headersOnly ? null : treesOnly ? WalkDepth.TREES : WalkDepth.BODIES;
        try {
            if (Files.isDirectory(target)) {
                return new DirectoryPrinter(out, err, listFiles).print(target, depth);
            }
            if (!Files.exists(target)) {
                err.println(target + ": not found — pass a .couch or .view file, or a CouchDB data directory");
                return CouchFileCli.NOT_FOUND;
            }
            if (target.getFileName().toString().endsWith(".view")) {
                return view(out, ViewIndex.read(target));
            }
            return couch(out, depth);
        } catch (Exception e) {
            return Failure.print(err, null, target, e);
        }
    }

    private int view(PrintWriter out, ViewIndex v) {
        if (!v.built()) {
            out.printf("%s: view index signature %s: no view built yet (opened, nothing committed), file %d bytes%n",
                    target, v.signature(), v.fileSize());
        } else {
            out.printf("%s: view index signature %s (header layout %s), update_seq %d, purge_seq %d, %d views%s, "
                    + "file %d bytes%n", target, v.signature(), v.layout(), v.updateSeq(), v.purgeSeq(), v.views(),
                    v.idBtreeSize() < 0 ? "" : ", id btree " + v.idBtreeSize() + " bytes", v.fileSize());
        }
        v.warnings().forEach(w -> out.println("  WARNING " + w));
        v.problems().forEach(p -> out.println("  PROBLEM " + p));
        return v.problems().isEmpty() ? CouchFileCli.OK : CouchFileCli.DAMAGE;
    }

    private int couch(PrintWriter out, WalkDepth depth) throws Exception {
        try (CouchFile db = CouchFile.open(target)) {
            var h = db.header();
            out.printf("%s: disk version %d, update_seq %d, doc_count %d, doc_del_count %d, header at %d (%s)%n",
                    target, h.diskVersion(), h.updateSeq(), db.docCount(), db.docDelCount(), db.headerOffset(),
                    db.headerChecksum());
            db.warnings().forEach(w -> out.println("  WARNING " + w));
            if (depth != null) {
                WalkCounts w = db.walkCounts(depth);
                out.printf("  walk: %d live, %d deleted, %d seq entries, %d local, %d purges, id tree depth %d, %d bodies, "
                        + "%d attachments%n", w.docCount(), w.docDelCount(), w.seqCount(), w.localDocs(), w.purgeCount(),
                        w.idTreeDepth(), w.bodies(), w.attachments());
            }
            db.problems().forEach(p -> out.println("  PROBLEM " + p));
            return db.problems().isEmpty() ? CouchFileCli.OK : CouchFileCli.DAMAGE;
        }
    }
}
