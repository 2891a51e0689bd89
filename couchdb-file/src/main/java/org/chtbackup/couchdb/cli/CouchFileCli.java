package org.chtbackup.couchdb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point: {@code java -jar couchdb-file.jar inspect|export-doc ...}. Every failure is one line
 * on stderr naming the file (and the offset where there is one), never a stack trace; the exit code
 * says what kind of failure it was.
 */
@Command(name = "couchdb-file", mixinStandardHelpOptions = true,
        description = "Read CouchDB .couch/.view files without a running CouchDB.",
        subcommands = {InspectCommand.class, ExportDocCommand.class})
public final class CouchFileCli {

    /** Everything read is sound (warnings, such as a fallback to an older header, may have been printed). */
    public static final int OK = 0;
    /** Damage found, input that is not CouchDB data, or input that could not be read. */
    public static final int DAMAGE = 1;
    /** The command line itself is wrong. */
    public static final int USAGE = 2;
    /** The file, data directory, database or document named does not exist. */
    public static final int NOT_FOUND = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs without exiting, for tests and embedding; returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with one-line handlers: a usage error prints its reason and where to find help,
     * and an unexpected exception (a bug) its type and message. Set out and err on it to capture them.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CouchFileCli());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage())
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
            return DAMAGE;
        });
        return cli;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
