package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.verify.drill.DrillRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * The walking skeleton end to end: the fixture CHT host is snapshotted by the collector, sealed over Kafka,
 * encrypted by crypto, written by storage to two S3 servers and a directory, and restored by verify from each.
 */
class SnapshotRestoresFromEveryLocationTest {

    @Test
    void everyLocationIsDrilledAndPasses() {
        SampleSnapshot snapshot = SampleSnapshot.get();
        assertThat(snapshot.drills).extracting(DrillCompleted::location)
                .containsExactlyInAnyOrder("primary", "offsite", "nas");
        assertThat(snapshot.drills).allSatisfy(d -> {
            assertThat(d.failures()).isEmpty();
            // No CouchDB can boot here: everything else ran and passed, and the drill says what it skipped.
            assertThat(d.result()).isEqualTo(DrillCompleted.Result.INCOMPLETE);
            assertThat(d.skipped()).anySatisfy(s -> assertThat(s).contains("scratch boot skipped"));
            assertThat(d.files()).isEqualTo((int) snapshot.result.files());
        });
        assertThat(snapshot.result.files()).isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"primary", "offsite", "nas"})
    void restoreFromEachLocationIsByteIdenticalToTheSource(String location) throws IOException {
        SampleSnapshot snapshot = SampleSnapshot.get();
        DrillRunner runner = snapshot.pipeline.verify.getBean(DrillRunner.class);
        Path restored = runner.restoredPath(snapshot.drillOf(location));
        Trees.assertSameAsFixtureHost(restored);
        Trees.assertSameTree(SharedFixtures.chtHost().resolve("home/ubuntu/cht/compose"), restored.resolve("compose"));
    }
}
