package org.chtbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chtbackup.storage.StorageHarness.Events.at;
import static org.chtbackup.storage.StorageHarness.Events.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.storage.StorageHarness.Events;
import org.chtbackup.storage.StorageHarness.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One location is down for a whole backup: the snapshot is stored in the other two and reported degraded in the
 * third; when the location comes back, its backlog catches it up with nothing re-sent.
 */
class SnapshotSurvivesLocationOutageTest {

    @TempDir
    Path work;

    @Test
    void aSnapshotTakenWhileOneLocationIsDownIsCaughtUpWhenItReturns() {
        String deployment = "outage-clinic";
        try (S3Server primaryServer = new S3Server(work.resolve("primary"), false);
                S3Server offsiteServer = new S3Server(work.resolve("offsite"), false);
                Events stored = Events.stored(deployment);
                Events statuses = Events.status(deployment)) {
            LocationSpec primary = primaryServer.location("out-primary", "out-primary", false);
            LocationSpec offsite = offsiteServer.location("out-offsite", "out-offsite", true);
            LocationSpec nas = StorageHarness.directory("out-nas", work.resolve("nas"));
            offsiteServer.stop();

            Snapshot snapshot = Snapshot.pieced(deployment, "snap-1", 6, 4);
            try (ConfigurableApplicationContext storage = StorageHarness.start("test.objects.outage",
                    List.of(primary, offsite, nas))) {
                StorageHarness.send("test.objects.outage", snapshot.all());

                StorageHarness.await("stored in out-primary and out-nas, degraded in out-offsite", Duration.ofSeconds(90),
                        () -> stored.any(at("out-primary")) && stored.any(at("out-nas"))
                                && statuses.any(status("out-offsite", "DEGRADED")));
                assertThat(stored.any(at("out-offsite"))).as("stored in a location that is down").isFalse();
                assertComplete(primary.open(), snapshot);
                assertComplete(nas.open(), snapshot);

                offsiteServer.start();

                StorageHarness.await("out-offsite caught up from its backlog", Duration.ofSeconds(90),
                        () -> stored.any(at("out-offsite")) && statuses.any(status("out-offsite", "COMPLETE")));
                assertComplete(offsite.open(), snapshot);
            }
        }
    }

    static void assertComplete(Location location, Snapshot snapshot) {
        List<String> keys = location.list(snapshot.deploymentId() + "/");
        for (ObjectEncrypted object : snapshot.all()) {
            assertThat(keys).as("%s in '%s'", object.objectKey(), location.name()).contains(object.objectKey());
        }
    }
}
