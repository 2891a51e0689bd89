package org.chtbackup.collector.schedule;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.chtbackup.collector.snapshot.SnapshotInProgressException;
import org.chtbackup.collector.snapshot.SnapshotResult;
import org.chtbackup.collector.snapshot.SnapshotTrigger;

/**
 * {@code java -jar collector.jar snapshot --once}: takes one snapshot in the foreground and exits 0 when its
 * manifest was sent, 1 when it failed (the reason is printed), 2 on a usage error, 3 when one was running.
 */
public final class SnapshotCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int BUSY = 3;

    /** True when the arguments ask for this command rather than the service. */
    public static boolean requested(String[] args) {
        return args.length > 0 && args[0].equals("snapshot");
    }

    /** Checks the arguments before anything starts: null when fine, else the usage message. */
    public static String usageError(String[] args) {
        List<String> rest = Arrays.stream(args).skip(1).filter(a -> !a.startsWith("--collector.")
                && !a.startsWith("--spring.") && !a.startsWith("--logging.") && !a.startsWith("--server.")).toList();
        return rest.equals(List.of("--once")) ? null
                : "usage: java -jar collector.jar snapshot --once [--collector.<key>=<value> ...]";
    }

    public static int run(SnapshotTrigger trigger, PrintStream out) {
        try {
            SnapshotResult result = trigger.runNow();
            if (result.succeeded()) {
                out.printf("snapshot %s of %s sent: manifest %s, %d files, %d bytes read, %d chunks (%d bytes) sent%n",
                        result.snapshotId(), result.deploymentId(), result.manifestId(), result.files(),
                        result.bytesRead(), result.chunksSent(), result.bytesSent());
                return OK;
            }
            out.printf("snapshot %s of %s FAILED, no manifest sent: %s%n", result.snapshotId(), result.deploymentId(),
                    result.failure());
            return FAILED;
        } catch (SnapshotInProgressException e) {
            out.println(e.getMessage());
            return BUSY;
        }
    }

    private SnapshotCommand() {
    }
}
