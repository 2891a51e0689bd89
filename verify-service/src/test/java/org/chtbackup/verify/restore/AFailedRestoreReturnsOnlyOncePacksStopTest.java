package org.chtbackup.verify.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.location.Location;
import org.chtbackup.verify.testing.ForwardingLocation;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When one pack task throws (the target's disk fails, say), the restore throws only after every other pack thread
 * has stopped: a drill deletes the target next, and nothing may still be writing into it.
 */
class AFailedRestoreReturnsOnlyOncePacksStopTest {

    @TempDir
    Path work;

    @Test
    void theRestoreThrowsOnlyOnceNoPackThreadIsLeft() throws Exception {
        Location nas = StoredSnapshots.nas(work.resolve("nas"));
        String key = StoredSnapshots.store(nas, "stop", Instant.parse("2026-03-01T02:00:00Z"), null, null);
        SnapshotRestorer restorer = new SnapshotRestorer(StoredSnapshots.decryptor(), 2);
        Manifest manifest = restorer.readManifest(nas, key);
        String firstPack = manifest.locations().get(manifest.files().get(0).chunks().get(0)).packId();
        Set<Thread> before = packThreads();

        assertThatThrownBy(() -> restorer.restore(new FirstPackFailsLate(nas, firstPack), manifest,
                work.resolve("target")))
                .isInstanceOf(IllegalStateException.class).hasMessage("the target's disk failed");

        Set<Thread> started = packThreads();
        started.removeAll(before);
        assertThat(started).as("pack threads still alive when the restore threw").isEmpty();
    }

    private static Set<Thread> packThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("restore-pack") && t.isAlive())
                .collect(Collectors.toSet());
    }

    /**
     * The first pack's task throws once another pack is being read; that read takes half a second and ignores
     * interrupts, as a remote read may.
     */
    private static final class FirstPackFailsLate extends ForwardingLocation {
        private final String firstPack;
        private final CountDownLatch otherReading = new CountDownLatch(1);

        FirstPackFailsLate(Location inner, String firstPack) {
            super(inner);
            this.firstPack = firstPack;
        }

        @Override
        public InputStream get(String key) {
            if (key.endsWith(firstPack)) {
                try {
                    otherReading.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the target's disk failed");
            }
            otherReading.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            boolean interrupted = false;
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return inner.get(key);
        }
    }
}
