package org.chtbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chtbackup.storage.StorageHarness.Events.at;

import java.io.InputStream;
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
 * A location whose server fails every other request (and stores half the failed PUTs anyway): every object lands
 * there exactly once, with the right content, and the snapshot completes in every location.
 */
class FlakyLocationStoresEveryObjectOnceTest {

    @TempDir
    Path work;

    @Test
    void everyObjectLandsExactlyOnceInALocationThatFailsEveryOtherRequest() throws Exception {
        String deployment = "flaky-clinic";
        try (S3Server flakyServer = new S3Server(work.resolve("flaky"), true);
                S3Server steadyServer = new S3Server(work.resolve("steady"), false);
                Events stored = Events.stored(deployment)) {
            LocationSpec flaky = flakyServer.location("flaky-s3", "flaky-s3", true);
            LocationSpec steady = steadyServer.location("flaky-steady", "flaky-steady", false);
            LocationSpec nas = StorageHarness.directory("flaky-nas", work.resolve("nas"));
            Snapshot snapshot = Snapshot.random(deployment, "snap-1", 12);

            try (ConfigurableApplicationContext storage = StorageHarness.start("test.objects.flaky",
                    List.of(flaky, steady, nas))) {
                StorageHarness.send("test.objects.flaky", snapshot.all());
                StorageHarness.await("stored in all three locations", Duration.ofSeconds(120),
                        () -> stored.any(at("flaky-s3")) && stored.any(at("flaky-steady")) && stored.any(at("flaky-nas")));
            }

            // One conditional PUT per object (no HEAD first): about 14 requests, every other one failed.
            assertThat(flakyServer.faults.get()).as("faults the flaky server injected").isGreaterThanOrEqualTo(5);
            Location location = flaky.open();
            for (ObjectEncrypted object : snapshot.all()) {
                assertThat(flakyServer.stores.get(object.objectKey())).as("times %s was stored", object.objectKey())
                        .isNotNull().hasValue(1);
                try (InputStream in = readWithRetries(location, object.objectKey())) {
                    assertThat(in.readAllBytes()).as(object.objectKey()).isEqualTo(object.object());
                }
            }
        }
    }

    /** The server still fails every other request while the test reads back. */
    private static InputStream readWithRetries(Location location, String key) {
        RuntimeException last = null;
        for (int i = 0; i < 4; i++) {
            try {
                return location.get(key);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }
}
