package org.chtbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chtbackup.storage.StorageHarness.Events.at;
import static org.chtbackup.storage.StorageHarness.Events.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.chtbackup.location.LocationSpec;
import org.chtbackup.storage.StorageHarness.Events;
import org.chtbackup.storage.StorageHarness.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One consumer thread reads every partition of the objects topic, as the first consumer of a starting storage does
 * until the others join. A manifest read before its packs must not wait for them on that thread (the packs are
 * behind it there, so the wait would last all of {@code manifest-wait}); it goes to the backlog, whose catch-up waits
 * for the packs for {@code missing-chunk-wait}, and gives up with FAILED only after that.
 */
class ManifestAheadOfItsPacksOnASharedThreadTest {

    @TempDir
    Path work;

    @Test
    void aManifestReadBeforeItsPacksIsStoredOnceTheyComeEvenLongAfterIt() throws Exception {
        String deployment = "shared-thread-clinic";
        String topic = "test.objects.shared-thread";
        LocationSpec nas = StorageHarness.directory("shared-nas", work.resolve("nas"));
        LocationSpec disk = StorageHarness.directory("shared-disk", work.resolve("disk"));
        Snapshot snapshot = Snapshot.random(deployment, "snap-1", 6);
        try (Events stored = Events.stored(deployment);
                Events statuses = Events.status(deployment);
                ConfigurableApplicationContext storage = StorageHarness.start(topic, List.of(nas, disk),
                        oneThreadFor("30m"))) {
            StorageHarness.send(topic, List.of(snapshot.manifest()));
            // Before the fix the manifest waited on the only thread for 3 minutes and no status came.
            StorageHarness.await("the manifest queued in both backlogs", Duration.ofSeconds(30),
                    () -> statuses.any(status("shared-nas", "DEGRADED")) && statuses.any(status("shared-disk", "DEGRADED")));

            // The packs come well after catch-up's first tries (200 ms apart here): it keeps waiting for them.
            Thread.sleep(4000);
            StorageHarness.send(topic, snapshot.chunks());

            StorageHarness.await("stored in both locations", Duration.ofSeconds(60),
                    () -> stored.any(at("shared-nas")) && stored.any(at("shared-disk")));
            assertThat(statuses.any(e -> "FAILED".equals(e.path("status").asString())))
                    .as("a snapshot reported FAILED while its packs were on their way").isFalse();
            SnapshotSurvivesLocationOutageTest.assertComplete(nas.open(), snapshot);
            SnapshotSurvivesLocationOutageTest.assertComplete(disk.open(), snapshot);
        }
    }

    @Test
    void aManifestWhosePacksNeverComeIsReportedFailedAfterTheWait() {
        String deployment = "never-clinic";
        String topic = "test.objects.never";
        LocationSpec nas = StorageHarness.directory("never-nas", work.resolve("nas"));
        Snapshot snapshot = Snapshot.random(deployment, "snap-1", 2);
        try (Events stored = Events.stored(deployment);
                Events statuses = Events.status(deployment);
                ConfigurableApplicationContext storage = StorageHarness.start(topic, List.of(nas),
                        oneThreadFor("3s"))) {
            StorageHarness.send(topic, List.of(snapshot.manifest()));

            StorageHarness.await("the snapshot reported FAILED", Duration.ofSeconds(60),
                    () -> statuses.any(status("never-nas", "FAILED")));
            assertThat(stored.seen).as("stored events").isEmpty();
            assertThat(nas.open().exists(snapshot.manifest().objectKey())).as("manifest written").isFalse();
        }
    }

    private static List<String> oneThreadFor(String missingChunkWait) {
        return List.of("--spring.cloud.stream.bindings.storeObject-in-0.consumer.concurrency=1",
                "--storage.backlog.manifest-wait=3m",
                "--storage.backlog.missing-chunk-wait=" + missingChunkWait);
    }
}
