package org.chtbackup.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotLocationStatus;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.testing.SettableClock;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.storage.writing.ChunkActivity;
import org.chtbackup.storage.writing.DeploymentLocks;
import org.chtbackup.storage.writing.ObjectPlacement;
import org.chtbackup.storage.writing.SnapshotEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collectors hear of every pack prune marks, a grace period before it can be deleted, and again when it is deleted.
 * When they cannot be told, prune deletes and marks nothing: a collector's dedup index must never name a pack that
 * is gone.
 */
class PruneTellsCollectorsBeforeDeletingTest {

    private static final String DEPLOYMENT = "release-clinic";

    @TempDir
    Path work;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));

    private record Release(String location, List<String> packIds) {
    }

    private static String packId(int n) {
        byte[] id = new byte[32];
        id[0] = (byte) n;
        return HexFormat.of().formatHex(id);
    }

    private static ObjectEncrypted pack(int n) {
        return new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, "x", PartKind.PACK,
                ObjectLayout.packKey(DEPLOYMENT, packId(n)), List.of(), 0,
                ("pack " + n).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectEncrypted manifest(String snapshotId, Instant at, List<ObjectEncrypted> packs) {
        return new ObjectEncrypted(ObjectEncrypted.VERSION, DEPLOYMENT, snapshotId, PartKind.MANIFEST,
                ObjectLayout.manifestKey(DEPLOYMENT, ObjectLayout.manifestId(at, snapshotId)),
                packs.stream().map(ObjectEncrypted::objectKey).toList(), 0,
                snapshotId.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void markedAndDeletedPacksAreAnnouncedFirstAndNothingIsDeletedWhenTheAnnouncementFails() {
        Location location = new LocationSpec("release-nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null,
                null, work.resolve("nas"), "disk", false).open();
        SnapshotEvents events = new SnapshotEvents() {
            public void stored(SnapshotStored e) {
            }

            public void status(SnapshotLocationStatus e) {
            }
        };
        DeploymentLocks locks = new DeploymentLocks();
        ChunkActivity activity = new ChunkActivity();
        ObjectPlacement placement = new ObjectPlacement(events, locks, activity, clock);
        List<Release> releases = new ArrayList<>();
        AtomicBoolean kafkaDown = new AtomicBoolean();
        Pruner pruner = new Pruner(List.of(location), new RetentionSettings(1, 0, 0, 0, Duration.ofHours(1)), locks,
                activity, clock, (deployment, loc, ids) -> {
                    assertThat(deployment).isEqualTo(DEPLOYMENT);
                    if (kafkaDown.get()) {
                        throw new IllegalStateException("broker unreachable");
                    }
                    releases.add(new Release(loc, List.copyOf(ids)));
                });

        List<ObjectEncrypted> oldPacks = List.of(pack(1), pack(2));
        List<ObjectEncrypted> keptPacks = List.of(pack(3));
        oldPacks.forEach(p -> placement.place(location, p));
        keptPacks.forEach(p -> placement.place(location, p));
        placement.place(location, manifest("old", Instant.parse("2026-02-27T00:00:00Z"), oldPacks));
        placement.place(location, manifest("kept", Instant.parse("2026-02-28T00:00:00Z"), keptPacks));

        // A day later: "old" is forgotten; its packs are only marked, and collectors hear of both at once.
        clock.set(Instant.parse("2026-03-02T00:00:00Z"));
        PruneReport marking = pruner.prune(DEPLOYMENT, false);
        assertThat(marking.locations().get(0).chunksDeleted()).isEmpty();
        assertThat(releases).containsExactly(new Release("release-nas", List.of(packId(1), packId(2))));
        assertThat(location.list(DEPLOYMENT + "/packs/")).hasSize(3);

        // Past the grace period, with Kafka down: nothing is deleted, and the report says why.
        clock.set(Instant.parse("2026-03-02T02:00:00Z"));
        kafkaDown.set(true);
        PruneReport refused = pruner.prune(DEPLOYMENT, false);
        assertThat(refused.locations().get(0).chunksDeleted()).isEmpty();
        assertThat(refused.locations().get(0).problems()).singleElement().asString()
                .contains("collectors could not be told of 2 released pack(s)", "broker unreachable");
        assertThat(location.list(DEPLOYMENT + "/packs/")).hasSize(3);

        // Kafka back: announced again, then deleted; the kept snapshot's pack is never announced.
        kafkaDown.set(false);
        PruneReport deleting = pruner.prune(DEPLOYMENT, false);
        assertThat(deleting.locations().get(0).chunksDeleted())
                .containsExactlyInAnyOrderElementsOf(oldPacks.stream().map(ObjectEncrypted::objectKey).toList());
        assertThat(releases).hasSize(2).last().isEqualTo(new Release("release-nas", List.of(packId(1), packId(2))));
        assertThat(location.list(DEPLOYMENT + "/packs/")).containsExactly(keptPacks.get(0).objectKey());

        // A dry run tells nobody.
        pruner.prune(DEPLOYMENT, true);
        assertThat(releases).hasSize(2);
    }
}
