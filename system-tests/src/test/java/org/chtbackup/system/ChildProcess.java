package org.chtbackup.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One component of the fault stack as its own operating-system process, so that a fault is what it is in production:
 * {@link #kill()} is SIGKILL (no shutdown hook, no flush), and {@link #start()} brings it back on the same command,
 * ports and state.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path logDir;
    private final BooleanSupplier ready;
    private Process process;
    private int starts;

    ChildProcess(String name, List<String> command, Path logDir, BooleanSupplier ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logDir = logDir;
        this.ready = ready;
    }

    /** Starts the process and waits until it is ready (up to two minutes). */
    synchronized ChildProcess start() {
        Path log = logDir.resolve(name + "-" + (++starts) + ".log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            if (ready.getAsBoolean()) {
                return this;
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError(name + " was not ready within 2 minutes; see " + log);
    }

    /** SIGKILL, then waits for the process to be gone. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        kill();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
