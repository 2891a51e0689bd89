package org.chtbackup.verify.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.Root;
import org.chtbackup.couchdb.cli.CouchFileCli;
import org.chtbackup.location.Location;
import org.chtbackup.verify.restore.RestoreOutcome;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.chtbackup.verify.schedule.SnapshotCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code restore list|snapshot|database|export-doc}: the operators' restore tool. Exit 0 ok, 1 failed, 2 usage. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore cht-backup snapshots from one location, with nothing else running.",
        subcommands = {RestoreTool.ListSnapshots.class, RestoreTool.RestoreSnapshot.class,
                RestoreTool.RestoreDatabase.class, RestoreTool.ExportDoc.class})
public final class RestoreTool {

    /**
     * The disaster-recovery jar's entry (restore-tool: {@code java -jar cht-backup-restore-*.jar <command>}), which
     * carries none of the service's Spring: the service's jar runs the same command as {@code restore <command>}.
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new RestoreTool());
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /** For callers that capture the output (tests, wrappers). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new RestoreTool()).setOut(out).setErr(err).execute(args);
    }

    /**
     * Every file of a database: shard files, a node-local file, and its view indexes; on a clustered host those of
     * every node folder ({@code db1/shards/...}).
     */
    static Predicate<FileEntry> database(String db) {
        String q = Pattern.quote(db);
        String node = "(db\\d+/)?";
        Pattern shard = Pattern.compile(node + "(shards/[^/]+/)?" + q + "(\\.\\d+)?\\.couch");
        Pattern views = Pattern.compile(node + "\\.shards/[^/]+/" + q + "\\.\\d+_design/.*");
        return f -> f.root() == Root.COUCHDB_DATA && (shard.matcher(f.path()).matches()
                || views.matcher(f.path()).matches());
    }

    abstract static class SnapshotCommand implements Callable<Integer> {
        @Mixin
        SourceOptions source;

        @Option(names = {"-s", "--snapshot"}, defaultValue = "latest",
                description = "Snapshot id (see 'restore list'), or 'latest' (default).")
        String snapshot;

        @Spec
        CommandLine.Model.CommandSpec spec;

        Manifest lastManifest;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        SnapshotCatalog.StoredSnapshot find(Location location) {
            return (snapshot.equals("latest") ? SnapshotCatalog.newest(location, source.deployment)
                    : SnapshotCatalog.find(location, source.deployment, snapshot))
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "no snapshot " + snapshot
                            + " of deployment " + source.deployment + " in that location; run 'restore list'"));
        }

        /** Restores what {@code which} selects into an empty or new {@code target}; 0 when byte-exact. */
        int restoreInto(Path target, Predicate<FileEntry> which, boolean progress) throws IOException {
            if (Files.isDirectory(target)) {
                try (Stream<Path> entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        err().println("target " + target + " is not empty: restore into a new or empty directory so"
                                + " nothing there is overwritten");
                        return 2;
                    }
                }
            }
            Location location = source.location();
            SnapshotCatalog.StoredSnapshot found = find(location);
            SnapshotRestorer restorer = new SnapshotRestorer(source.decryptor(), source.parallel);
            Manifest manifest = restorer.readManifest(location, found.manifestKey());
            if (manifest.files().stream().noneMatch(which)) {
                err().println("snapshot " + found.snapshotId() + " holds nothing that matches; check the name");
                return 1;
            }
            err().println("restoring " + source.deployment + " snapshot " + found.snapshotId() + " ("
                    + found.createdAt() + ") into " + target);
            RestoreOutcome outcome = restorer.restore(location, manifest, target, which,
                    progress ? new ProgressBar(err()) : (a, b, c, d) -> { });
            outcome.failures().forEach(f -> err().println("FAILED " + f));
            lastManifest = manifest;
            return outcome.failures().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a deployment's snapshots, oldest first.")
    static final class ListSnapshots implements Callable<Integer> {
        @Mixin
        SourceOptions source;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<SnapshotCatalog.StoredSnapshot> all = SnapshotCatalog.list(source.location(), source.deployment);
            all.forEach(s -> spec.commandLine().getOut().println(s.createdAt() + "  " + s.snapshotId()));
            if (all.isEmpty()) {
                spec.commandLine().getErr().println("no snapshots of " + source.deployment + " in that location");
            }
            return all.isEmpty() ? 1 : 0;
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Restore a whole snapshot into a directory laid out like a CHT host, then print the runbook.")
    static final class RestoreSnapshot extends SnapshotCommand {
        @Option(names = {"-t", "--target"}, required = true, description = "New or empty directory.")
        Path target;

        @Override
        public Integer call() throws IOException {
            int code = restoreInto(target, f -> true, true);
            if (code == 0) {
                out().print(Runbook.text(target, lastManifest));
                // picocli's writer buffers; the caller exits right after, so a redirected runbook must be written now.
                out().flush();
            }
            return code;
        }
    }

    @Command(name = "database", mixinStandardHelpOptions = true,
            description = "Restore one database's shard files and view indexes (under couchdb-data/).")
    static final class RestoreDatabase extends SnapshotCommand {
        @Option(names = "--db", required = true, description = "Database name, e.g. medic.")
        String db;
        @Option(names = {"-t", "--target"}, required = true, description = "New or empty directory.")
        Path target;

        @Override
        public Integer call() throws IOException {
            int code = restoreInto(target, database(db), true);
            if (code == 0) {
                out().println("restored database " + db + " under " + target.resolve(Root.COUCHDB_DATA.folder())
                        + "; check it with: couchdb-file inspect " + target.resolve(Root.COUCHDB_DATA.folder()));
            }
            return code;
        }
    }

    @Command(name = "export-doc", mixinStandardHelpOptions = true,
            description = "Export one document (winning revision, with attachments) as JSON without booting CouchDB.")
    static final class ExportDoc extends SnapshotCommand {
        @Option(names = "--db", required = true)
        String db;
        @Option(names = "--id", required = true, description = "Document id, e.g. a report's uuid or _local/...")
        String id;
        @Option(names = {"-o", "--output"}, description = "Write the JSON here instead of stdout.")
        Path output;
        @Option(names = "--attachments-dir", description = "Write attachments as files here instead of base64.")
        Path attachmentsDir;

        @Override
        public Integer call() throws IOException {
            Path scratch = Files.createTempDirectory("cht-backup-export-");
            try {
                int code = restoreInto(scratch.resolve("restore"), database(db), false);
                if (code != 0) {
                    return code;
                }
                List<String> args = new java.util.ArrayList<>(List.of("export-doc",
                        scratch.resolve("restore").resolve(Root.COUCHDB_DATA.folder()).toString(), db, id));
                if (output != null) {
                    args.addAll(List.of("-o", output.toString()));
                }
                if (attachmentsDir != null) {
                    args.addAll(List.of("--attachments-dir", attachmentsDir.toString()));
                }
                return new CommandLine(new CouchFileCli()).setOut(out()).setErr(err())
                        .execute(args.toArray(String[]::new));
            } finally {
                try (Stream<Path> paths = Files.walk(scratch)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
