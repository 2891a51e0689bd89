package org.chtbackup.contracts.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stock gpg in a throw-away home directory, for interoperability tests; stops its agent on close. */
public final class Gpg implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/gpg");

    private final Path home;

    public record Result(int exitCode, String status, String stderr) {
    }

    public Gpg(Path home) throws IOException {
        this.home = home;
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public Path home() {
        return home;
    }

    /** Runs gpg in batch mode; status lines ({@code [GNUPG:] ...}) come back in {@link Result#status()}. */
    public Result run(String... args) throws IOException, InterruptedException {
        Path status = Files.createTempFile(home, "status", ".txt");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--homedir", home.toString(), "--batch",
                "--no-tty", "--yes", "--no-auto-key-locate", "--status-file", status.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("gpg timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(status, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    public Result importKey(String armored) throws IOException, InterruptedException {
        Path file = Files.createTempFile(home, "key", ".asc");
        Files.writeString(file, armored);
        Result result = run("--import", file.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("gpg --import failed: " + result.stderr());
        }
        return result;
    }

    /** Stops the gpg-agent this home started, so no process outlives the test. */
    @Override
    public void close() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        kill.waitFor(20, TimeUnit.SECONDS);
    }
}
