package org.chtbackup.couchdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.chtbackup.couchdb.CouchFile;
import org.chtbackup.couchdb.DataDirectory;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.doc.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints one document as CouchDB would serve it with ?conflicts=true&attachments=true. The shard is
 * found by looking in each of the database's shard files (no hashing of the id needed). Exit 3 says
 * whether the data directory, the database or the document is missing; exit 1 that the document, or
 * a shard it may be in, is damaged.
 */
@Command(name = "export-doc", mixinStandardHelpOptions = true,
        description = "Export one document (winning revision) from a data directory as JSON.")
final class ExportDocCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<datadir>")
    Path dataDir;

    @Parameters(index = "1", paramLabel = "<db>")
    String db;

    @Parameters(index = "2", paramLabel = "<docid>")
    String docId;

    @Option(names = "--attachments-dir", paramLabel = "<dir>",
            description = "Write attachments as files here (stored bytes: gzip-encoded ones stay gzip) instead of base64.")
    Path attachmentsDir;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write the JSON here instead of stdout.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!Files.exists(dataDir)) {
                err.println(dataDir + ": data directory not found — pass the CouchDB data directory (COUCHDB_DATA)");
                return CouchFileCli.NOT_FOUND;
            }
            if (!Files.isDirectory(dataDir)) {
                err.println(dataDir + ": not a directory — usage: export-doc <datadir> <db> <docid>");
                return CouchFileCli.USAGE;
            }
            List<Path> files = shardFiles();
            if (files.isEmpty()) {
                return noDatabase(err);
            }
            return export(files, err);
        } catch (IOException | RuntimeException e) {
            return Failure.print(err, null, dataDir, e);
        }
    }

    private int noDatabase(PrintWriter err) throws IOException {
        if (!DataDirectory.isDataDirectory(dataDir)) {
            err.println(dataDir + ": not a CouchDB data directory: no database file (*.couch) under it");
            return CouchFileCli.DAMAGE;
        }
        err.println("database '" + db + "' not found in " + dataDir + ": no shards/*/" + db + ".<suffix>.couch and no "
                + db + ".couch — check the name against GET /_all_dbs");
        return CouchFileCli.NOT_FOUND;
    }

    /**
     * Looks in every shard file. A shard that does not open, or whose tree is damaged, is remembered
     * and the search goes on, as the document may be elsewhere; a document found but damaged fails at once.
     */
    private int export(List<Path> files, PrintWriter err) {
        String what = "document '" + docId + "' of database '" + db + "'";
        Exception unreadable = null;
        Path unreadableFile = null;
        for (Path file : files) {
            try (CouchFile cf = CouchFile.open(file)) {
                if (cf.hasDoc(docId)) {
                    return found(cf, what, err);
                }
            } catch (IOException | RuntimeException e) {
                if (unreadable == null) {
                    unreadable = e;
                    unreadableFile = file;
                }
            }
        }
        if (unreadable != null) {
            Failure.print(err, what + " is in none of the readable shards and a shard is damaged", unreadableFile,
                    unreadable);
            return CouchFileCli.DAMAGE;
        }
        err.println(what + " not found (" + files.size() + " shard file(s) searched under " + dataDir
                + ") — check the id");
        return CouchFileCli.NOT_FOUND;
    }

    private int found(CouchFile cf, String what, PrintWriter err) {
        String json;
        try {
            Document doc = cf.readDoc(docId).orElseThrow();
            json = new DocJson(cf, attachmentsDir).render(doc);
        } catch (IOException | RuntimeException e) {
            boolean damage = e instanceof CouchFormatException || e instanceof RuntimeException;
            Failure.print(err, what + (damage ? " is damaged" : " could not be exported"), cf.path(), e);
            return CouchFileCli.DAMAGE;
        }
        return write(json, err);
    }

    private int write(String json, PrintWriter err) {
        if (output == null) {
            spec.commandLine().getOut().println(json);
            return CouchFileCli.OK;
        }
        try {
            Files.writeString(output, json);
            return CouchFileCli.OK;
        } catch (IOException e) {
            Failure.print(err, "cannot write the document", output, e);
            return CouchFileCli.DAMAGE;
        }
    }

    private List<Path> shardFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        Path shards = dataDir.resolve("shards");
        if (Files.isDirectory(shards)) {
            try (var ranges = Files.list(shards)) {
                for (Path range : ranges.sorted().toList()) {
                    Path dir = range.resolve(db).getParent();
                    String base = range.resolve(db).getFileName().toString();
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (var files = Files.list(dir)) {
                        files.filter(f -> f.getFileName().toString().matches(Pattern.quote(base) + "\\.\\d+\\.couch"))
                                .sorted().forEach(out::add);
                    }
                }
            }
        }
        Path local = dataDir.resolve(db + ".couch");
        if (Files.isRegularFile(local)) {
            out.add(local);
        }
        return out;
    }
}
