package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
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
import org.junit.jupiter.api.io.TempDir;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * No message grows with the host: on a broker whose topics take at most 20 KiB per message, with tiny chunks and
 * packs, the fixture host (plus 1 MiB of incompressible data, so it makes hundreds of packs) has a pack id list and a
 * file list each larger than one message. The snapshot still goes
 * through collector, crypto and storage to every location, and restores byte for byte from each.
 */
class HostLargerThanAMessageBacksUpAndRestoresTest {

    private static final int LIMIT = 20 * 1024;

    @TempDir
    Path tmp;

    @Test
    void aSnapshotWhosePackListAndFileListExceedTheMessageLimitRestoresFromEveryLocation() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        byte[] random = new byte[1 << 20];
        new java.util.Random(3).nextBytes(random);
        Files.write(host.resolve("home/ubuntu/cht/couchdb/shards/00000000-15555554/medic-big.1.couch"), random);
        try (Pipeline pipeline = Pipeline.withMessageLimit(LIMIT, host, "collector.chunking.min=1024",
                "collector.chunking.average=4096", "collector.chunking.max=8192", "collector.packing.target-bytes=4096")) {
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
                    listedIds += new String(in.readAllBytes()).lines().filter(l -> l.contains("/packs/")).count();
                }
            }
            assertThat(manifest.formatVersion()).isEqualTo(Manifest.FORMAT_3);
            assertThat(listedIds * 64).as("pack ids alone, over one message").isGreaterThan(LIMIT);
            assertThat(pieces).hasSizeGreaterThan(1);
            assertThat(ManifestCodec.writeBody(manifest).length).as("file list, over one message").isGreaterThan(LIMIT);

            assertThat(snapshot.drills).extracting(DrillCompleted::location)
                    .containsExactlyInAnyOrder("primary", "offsite", "nas");
            DrillRunner runner = pipeline.verify.getBean(DrillRunner.class);
            Path cht = host.resolve("home/ubuntu/cht");
            for (DrillCompleted drill : snapshot.drills) {
                assertThat(drill.failures()).as("drill of %s", drill.location()).isEmpty();
                Path restored = runner.restoredPath(drill);
                Trees.assertSameTree(cht.resolve("couchdb"), restored.resolve("couchdb-data"));
                Trees.assertSameTree(cht.resolve("upgrade-service"), restored.resolve("upgrade-service"));
                Trees.assertSameTree(host.resolve("nginx-private"), restored.resolve("nginx-private"));
            }
        }
    }
}
