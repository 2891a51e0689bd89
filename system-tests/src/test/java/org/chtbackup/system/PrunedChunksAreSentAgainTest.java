package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.chtbackup.collector.dedup.ChunkIndex;
import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.storage.retention.PruneReport;
import org.chtbackup.storage.retention.Pruner;
import org.chtbackup.verify.drill.DrillRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedup survives prune. A file is backed up, removed (a second snapshot), and prune then forgets the first snapshot
 * and deletes the packs only it named. When the same bytes come back, the collector must send them again: its index
 * heard from storage which packs were released. Without that, the third manifest would name deleted packs and never
 * complete. Instead it is stored everywhere, and every location restores the host byte for byte.
 */
class PrunedChunksAreSentAgainTest {

    private static final String FILE = "home/ubuntu/cht/couchdb/shards/00000000-15555554/medic-extra.1.couch";

    @TempDir
    Path tmp;

    @Test
    void aChunkWhosePackWasPrunedIsSentAgainAndTheSnapshotRestoresFromEveryLocation() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        byte[] extra = new byte[1 << 20];
        new Random(11).nextBytes(extra);
        Files.write(host.resolve(FILE), extra);
        try (Pipeline pipeline = Pipeline.withSettings(host, List.of("storage.retention.keep-last=1",
                        "storage.retention.keep-daily=0", "storage.retention.keep-weekly=0",
                        "storage.retention.keep-monthly=0", "storage.retention.grace-period=0s"),
                // small chunks and packs, so the extra file's chunks fill packs of their own
                "collector.chunking.min=16384", "collector.chunking.average=32768", "collector.chunking.max=65536",
                "collector.packing.target-bytes=65536")) {
            ChunkIndex index = pipeline.collector.getBean(ChunkIndex.class);
            SampleSnapshot first = SampleSnapshot.take(pipeline);
            first.awaitIndexed();
            Files.delete(host.resolve(FILE));
            SampleSnapshot second = SampleSnapshot.take(pipeline);
            second.awaitIndexed();
            int indexedBeforePrune = index.size();

            Pruner pruner = pipeline.storage.getBean(Pruner.class);
            pruner.prune(Pipeline.DEPLOYMENT, false); // forgets the first snapshot, marks its own packs
            PruneReport deleting = pruner.prune(Pipeline.DEPLOYMENT, false); // grace 0: deletes them
            for (PruneReport.LocationResult location : deleting.locations()) {
                assertThat(location.problems()).as("prune of %s", location.location()).isEmpty();
                assertThat(location.chunksDeleted()).as("packs deleted in %s", location.location()).isNotEmpty();
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (index.size() >= indexedBeforePrune && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(index.size()).as("chunks left in the collector's index after prune")
                    .isLessThan(indexedBeforePrune);

            Files.write(host.resolve(FILE), extra);
            SampleSnapshot third = SampleSnapshot.take(pipeline);

            assertThat(third.result.bytesSent()).as("the extra file's pruned chunks, sent again")
                    .isGreaterThan(extra.length / 2);
            DrillRunner runner = pipeline.verify.getBean(DrillRunner.class);
            assertThat(third.drills).extracting(DrillCompleted::location)
                    .containsExactlyInAnyOrder("primary", "offsite", "nas");
            for (DrillCompleted drill : third.drills) {
                assertThat(drill.failures()).as("drill of %s", drill.location()).isEmpty();
                Trees.assertSameTree(host.resolve("home/ubuntu/cht/couchdb"),
                        runner.restoredPath(drill).resolve("couchdb-data"));
            }
        }
    }
}
