package org.chtbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chtbackup.storage.StorageHarness.Events.at;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.storage.StorageHarness.Events;
import org.chtbackup.storage.StorageHarness.Snapshot;
import org.chtbackup.storage.writing.SnapshotIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Storage stops in the middle of a snapshot, after some chunks and before the manifest, and a new instance takes
 * over: at no point does any location hold a manifest whose chunks are not all there.
 */
class StorageRestartNeverLeavesDanglingManifestTest {

    @TempDir
    Path work;

    @Test
    void aStorageStoppedBetweenChunksAndManifestNeverLeavesAManifestWithoutItsChunks() {
        String deployment = "restart-clinic";
        String topic = "test.objects.restart";
        try (S3Server primaryServer = new S3Server(work.resolve("primary"), false);
                S3Server offsiteServer = new S3Server(work.resolve("offsite"), false);
                Events stored = Events.stored(deployment)) {
            List<LocationSpec> specs = List.of(primaryServer.location("rs-primary", "rs-primary", false),
                    offsiteServer.location("rs-offsite", "rs-offsite", true),
                    StorageHarness.directory("rs-nas", work.resolve("nas")));
            List<Location> locations = specs.stream().map(LocationSpec::open).toList();
            Snapshot snapshot = Snapshot.pieced(deployment, "snap-1", 40, 7);

            ConfigurableApplicationContext first = StorageHarness.start(topic, specs);
            StorageHarness.send(topic, snapshot.all());
            StorageHarness.await("the first chunks stored", Duration.ofSeconds(60),
                    () -> locations.get(0).list(ObjectLayout.packsPrefix(deployment)).size() >= 3);
            first.close();
            locations.forEach(StorageRestartNeverLeavesDanglingManifestTest::assertNoDanglingManifest);

            try (ConfigurableApplicationContext second = StorageHarness.start(topic, specs)) {
                StorageHarness.await("stored in all three locations", Duration.ofSeconds(90),
                        () -> stored.any(at("rs-primary")) && stored.any(at("rs-offsite")) && stored.any(at("rs-nas")));
            }
            for (Location location : locations) {
                assertNoDanglingManifest(location);
                assertThat(location.list(ObjectLayout.snapshotsPrefix(deployment)))
                        .containsExactly(snapshot.manifest().objectKey());
                SnapshotSurvivesLocationOutageTest.assertComplete(location, snapshot);
            }
        }
    }

    @Test
    void aCrashBetweenTheChunkListPiecesAndTheManifestLeavesNoManifest() {
        String deployment = "pieces-clinic";
        String topic = "test.objects.pieces";
        try (S3Server primaryServer = new S3Server(work.resolve("p-primary"), false);
                Events stored = Events.stored(deployment)) {
            List<LocationSpec> specs = List.of(primaryServer.location("pc-primary", "pc-primary", false),
                    StorageHarness.directory("pc-nas", work.resolve("p-nas")));
            List<Location> locations = specs.stream().map(LocationSpec::open).toList();
            Snapshot snapshot = Snapshot.pieced(deployment, "snap-2", 30, 4);
            List<ObjectEncrypted> beforeManifest = new java.util.ArrayList<>(snapshot.chunks());
            beforeManifest.addAll(snapshot.pieces());

            try (ConfigurableApplicationContext first = StorageHarness.start(topic, specs)) {
                StorageHarness.send(topic, beforeManifest);
                StorageHarness.await("every piece in both locations", Duration.ofSeconds(60),
                        () -> locations.stream().allMatch(l -> l.list(SnapshotIndex.prefix(deployment)).size()
                                == snapshot.pieces().size()));
            }
            for (Location location : locations) {
                assertThat(location.list(ObjectLayout.snapshotsPrefix(deployment))).as("no manifest in %s", location.name())
                        .isEmpty();
                assertNoDanglingManifest(location);
            }

            try (ConfigurableApplicationContext second = StorageHarness.start(topic, specs)) {
                StorageHarness.send(topic, List.of(snapshot.manifest()));
                StorageHarness.await("stored in both locations", Duration.ofSeconds(60),
                        () -> stored.any(at("pc-primary")) && stored.any(at("pc-nas")));
            }
            assertThat(stored.seen).allSatisfy(e -> assertThat(e.path("chunkCount").asInt()).isEqualTo(30));
            for (Location location : locations) {
                assertNoDanglingManifest(location);
                SnapshotSurvivesLocationOutageTest.assertComplete(location, snapshot);
            }
        }
    }

    private static SnapshotIndex read(Location location, String key) {
        try (InputStream in = location.get(key)) {
            return SnapshotIndex.decode(key, in);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Lists the location: every manifest's index must exist and every chunk it names must be there. */
    static void assertNoDanglingManifest(Location location) {
        Set<String> keys = new HashSet<>(location.list(""));
        for (String key : keys) {
            if (!key.endsWith(ObjectLayout.MANIFEST_SUFFIX)) {
                continue;
            }
            String indexKey = SnapshotIndex.keyOf(key);
            assertThat(keys).as("index of %s in '%s'", key, location.name()).contains(indexKey);
            SnapshotIndex index = read(location, indexKey);
            List<String> named = new java.util.ArrayList<>(index.objectKeys());
            for (int n = 0; n < index.pieces(); n++) {
                String pieceKey = SnapshotIndex.pieceKey(key, n);
                assertThat(keys).as("chunk list piece of %s in '%s'", key, location.name()).contains(pieceKey);
                named.addAll(read(location, pieceKey).objectKeys());
            }
            for (String chunk : named) {
                assertThat(keys).as("chunk of %s in '%s'", key, location.name()).contains(chunk);
            }
        }
    }
}
