package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.location.Location;
import org.chtbackup.verify.drill.DrillRunner;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.junit.jupiter.api.Test;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * The manifest size limit is gone: on a broker whose topics take at most 128 KiB per message, with tiny chunks,
 * the fixture host's chunk id list and its file list are each larger than one message. The snapshot still goes
 * through collector, crypto and storage to every location, and restores byte for byte from each.
 */
class HostLargerThanAMessageBacksUpAndRestoresTest {

    private static final int LIMIT = 128 * 1024;

    @Test
    void aSnapshotWhoseChunkListAndFileListExceedTheMessageLimitRestoresFromEveryLocation() throws Exception {
        try (Pipeline pipeline = Pipeline.withMessageLimit(LIMIT, "collector.chunking.min=64",
                "collector.chunking.average=256", "collector.chunking.max=1024")) {
            SampleSnapshot snapshot = SampleSnapshot.take(pipeline);

            Location nas = pipeline.location("nas");
            String manifestKey = nas.list(Pipeline.DEPLOYMENT + "/snapshots/").stream()
                    .filter(k -> k.contains(snapshot.result.snapshotId())).findFirst().orElseThrow();
            Manifest manifest = new SnapshotRestorer(pipeline.verify.getBean(ObjectDecryptor.class))
                    .readManifest(nas, manifestKey);
            List<String> pieces = nas.list(Pipeline.DEPLOYMENT + "/index/").stream()
                    .filter(k -> k.matches(".*-" + snapshot.result.snapshotId() + "\\.[0-9]+\\.chunks")).toList();
            long listedIds = 0;
            for (String piece : pieces) {
                try (InputStream in = nas.get(piece)) {
                    listedIds += new String(in.readAllBytes()).lines().filter(l -> l.contains("/chunks/")).count();
                }
            }
            assertThat(manifest.formatVersion()).isEqualTo(Manifest.FORMAT_2);
            assertThat(listedIds * 64).as("chunk ids alone, over one message").isGreaterThan(LIMIT);
            assertThat(pieces).hasSizeGreaterThan(1);
            assertThat(ManifestCodec.writeBody(manifest).length).as("file list, over one message").isGreaterThan(LIMIT);

            assertThat(snapshot.drills).extracting(DrillCompleted::location)
                    .containsExactlyInAnyOrder("primary", "offsite", "nas");
            DrillRunner runner = pipeline.verify.getBean(DrillRunner.class);
            Path cht = SharedFixtures.chtHost().resolve("home/ubuntu/cht");
            for (DrillCompleted drill : snapshot.drills) {
                assertThat(drill.failures()).as("drill of %s", drill.location()).isEmpty();
                Path restored = runner.restoredPath(drill);
                Trees.assertSameTree(cht.resolve("couchdb"), restored.resolve("couchdb-data"));
                Trees.assertSameTree(cht.resolve("upgrade-service"), restored.resolve("upgrade-service"));
                Trees.assertSameTree(SharedFixtures.chtHost().resolve("nginx-private"), restored.resolve("nginx-private"));
            }
        }
    }
}
