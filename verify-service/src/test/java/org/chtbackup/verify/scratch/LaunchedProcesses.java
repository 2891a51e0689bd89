package org.chtbackup.verify.scratch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.chtbackup.contracts.testing.SharedFixtures;

/** What the process launcher's tests see of the processes a launcher started, read from {@code /proc}. */
final class LaunchedProcesses {

    private LaunchedProcesses() {
    }

    /**
     * Names of live processes whose environment points at a vm.args under {@code work}: the VMs the launcher
     * started and the epmds they started (epmd inherits the VM's environment when it daemonizes).
     */
    static List<String> startedFrom(Path work) throws IOException {
        byte[] marker = ("COUCHDB_ARGS_FILE=" + work.toAbsolutePath()).getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (SharedFixtures.indexOf(Files.readAllBytes(proc.resolve("environ")), marker) >= 0) {
                        found.add(Files.readString(proc.resolve("comm")).strip());
                    }
                } catch (IOException gone) {
                    // exited while listing, or not ours to read
                }
            }
        }
        return found;
    }

    /** {@link #startedFrom} once it is empty, or after 5 s (a process may take a moment to exit). */
    static List<String> leftFrom(Path work) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> left = startedFrom(work);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = startedFrom(work);
        }
        return left;
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
