package org.chtbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Storage does each S3 location's first-write checks when it starts, before any object arrives: the bucket is made
 * and the conditional-put probe written with nothing sent. A location that is down at start does not stop it
 * ({@link SnapshotSurvivesLocationOutageTest} then stores into it once it is back).
 */
class LocationsArePreparedAtStartTest {

    @TempDir
    Path work;

    @Test
    void theBucketAndTheProbeAreThereBeforeAnyObjectIsSent() {
        try (S3Server server = new S3Server(work.resolve("s3"), false)) {
            LocationSpec primary = server.location("prep-primary", "prep-primary", false);
            LocationSpec nas = StorageHarness.directory("prep-nas", work.resolve("nas"));
            Location view = primary.open();
            assertThat(view.list("")).as("nothing before storage starts").isEmpty();

            try (ConfigurableApplicationContext storage = StorageHarness.start("test.objects.prepared",
                    List.of(primary, nas))) {
                StorageHarness.await("the probe written at start", Duration.ofSeconds(60),
                        () -> view.list("").contains(".cht-backup/conditional-put-probe"));
            }
        }
    }
}
