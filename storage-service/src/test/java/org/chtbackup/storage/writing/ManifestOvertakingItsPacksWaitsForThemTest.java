package org.chtbackup.storage.writing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot's packs travel on every partition, so its manifest often reaches storage before the last packs. The
 * writer looks again for a while instead of queueing the manifest in the backlog at once; a manifest whose packs
 * never come still goes to the backlog once the wait is over.
 */
class ManifestOvertakingItsPacksWaitsForThemTest {

    private static final String DEPLOYMENT = "clinic-w";

    @TempDir
    Path dir;
    private final List<SnapshotStored> stored = new CopyOnWriteArrayList<>();
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aManifestThatArrivesBeforeItsLastPackIsStoredOnceThePackLandsWithoutTheBacklog() throws Exception {
        Location nas = location();
        ObjectWriter writer = writer(nas, Duration.ofSeconds(30));
        ObjectEncrypted first = pack(1);
        ObjectEncrypted last = pack(2);
        writer.write(first, true);

        var manifest = pool.submit(() -> writer.write(manifest(first, last), true));
        Thread.sleep(500);
        assertThat(manifest).as("the manifest waits for its last pack").isNotDone();
        writer.write(last, true);
        manifest.get();

        assertThat(stored).singleElement().satisfies(s -> assertThat(s.location()).isEqualTo("nas"));
        assertThat(queued).isEmpty();
        assertThat(nas.exists(manifest(first, last).objectKey())).isTrue();
    }

    @Test
    void aManifestWhosePacksNeverComeGoesToTheBacklogAfterTheWait() {
        Location nas = location();
        ObjectWriter writer = writer(nas, Duration.ofMillis(600));

        writer.write(manifest(pack(1)), true);

        assertThat(queued).containsExactly("nas");
        assertThat(stored).isEmpty();
    }

    private Location location() {
        return new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, dir.resolve("nas"), "disk",
                false).open();
    }

    private ObjectWriter writer(Location location, Duration manifestWait) {
        SnapshotEvents events = new SnapshotEvents() {
            @Override
            public void stored(SnapshotStored event) {
                stored.add(event);
            }

            @Override
            public void status(SnapshotLocationStatus event) {
            }
        };
        ObjectPlacement placement = new ObjectPlacement(events, new DeploymentLocks(), new ChunkActivity(),
                Clock.systemUTC());
        Backlog backlog = (name, object, attempt) -> queued.add(name);
        return new ObjectWriter(List.of(location), placement, backlog, pool, Duration.ofSeconds(10), manifestWait);
    }

    private static ObjectEncrypted pack(int n) {
        String id = String.format("%064x", n);
        return new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "s1", PartKind.PACK,
                ObjectLayout.packKey(DEPLOYMENT, id), List.of(), 0, ("pack " + n).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectEncrypted manifest(ObjectEncrypted... packs) {
        return new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "s1", PartKind.MANIFEST,
                ObjectLayout.manifestKey(DEPLOYMENT, ObjectLayout.manifestId(Instant.parse("2026-12-01T00:00:00Z"), "s1")),
                java.util.Arrays.stream(packs).map(ObjectEncrypted::objectKey).toList(), 0,
                "head".getBytes(StandardCharsets.UTF_8));
    }
}
