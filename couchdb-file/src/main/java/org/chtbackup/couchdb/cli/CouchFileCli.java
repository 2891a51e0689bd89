package org.chtbackup.couchdb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar couchdb-file.jar inspect|export-doc ...}. */
@Command(name = "couchdb-file", mixinStandardHelpOptions = true,
        description = "Read CouchDB .couch/.view files without a running CouchDB.",
        subcommands = {InspectCommand.class, ExportDocCommand.class})
public final class CouchFileCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs without exiting, for tests and embedding; returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new CouchFileCli()).execute(args);
    }
}
