package org.chtbackup.collector.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One snapshot at a time per host, across processes: the service and a CLI run share the state folder and
 * take this lock on {@code snapshot.lock} in it. The OS drops the lock when a process dies.
 */
public final class HostLock {

    private final Path file;

    public HostLock(Path stateDir) {
        this.file = stateDir.resolve("snapshot.lock");
    }

    /** The held lock, or null when another snapshot holds it. */
    AutoCloseable tryAcquire() {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            FileLock held = lock;
            return () -> {
                held.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": check collector.state-dir", e);
        }
    }
}
