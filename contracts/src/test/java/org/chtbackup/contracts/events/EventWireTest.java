package org.chtbackup.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The binary data-path records round-trip, and every malformed value fails with a message that says what. */
class EventWireTest {

    static final String PACK_ID = "ab".repeat(32);
    static final String MANIFEST_ID = "20260301T020000Z-2f0c3a9e1b7d";

    @Test
    void aPackPartRoundTripsWithItsPayloadAsIs() {
        byte[] payload = new byte[3 << 20];
        Arrays.fill(payload, (byte) 7);
        SnapshotPartSealed part = new SnapshotPartSealed(3, "clinic-7", "2f0c3a9e1b7d", PartKind.PACK, PACK_ID,
                List.of(), 0, payload);

        byte[] value = EventWire.encode(part);
        SnapshotPartSealed read = EventWire.decodePart(value);

        assertThat(value.length).as("no base64, no JSON: payload plus a small envelope")
                .isLessThan(payload.length + 200);
        assertThat(read.sealed()).isEqualTo(payload);
        assertThat(read.objectId()).isEqualTo(PACK_ID);
        assertThat(read.kind()).isEqualTo(PartKind.PACK);
        assertThat(read.deploymentId()).isEqualTo("clinic-7");
    }

    @Test
    void aPackListAndAManifestRoundTrip() {
        SnapshotPartSealed list = new SnapshotPartSealed(3, "clinic-7", "2f0c3a9e1b7d", PartKind.PACK_LIST,
                MANIFEST_ID + ".0", List.of(PACK_ID, "cd".repeat(32)), 0, new byte[49]);
        SnapshotPartSealed manifest = new SnapshotPartSealed(3, "clinic-7", "2f0c3a9e1b7d", PartKind.MANIFEST,
                MANIFEST_ID, List.of(), 1, new byte[300]);

        assertThat(EventWire.decodePart(EventWire.encode(list)).packIds()).containsExactly(PACK_ID, "cd".repeat(32));
        assertThat(EventWire.decodePart(EventWire.encode(manifest)).listPieces()).isEqualTo(1);
    }

    @Test
    void aStoredObjectRoundTrips() {
        ObjectEncrypted object = new ObjectEncrypted(3, "clinic-7", "s1", PartKind.PACK_LIST,
                "clinic-7/index/" + MANIFEST_ID + ".0.chunks", List.of("clinic-7/packs/ab/" + PACK_ID), 0, new byte[9]);

        ObjectEncrypted read = EventWire.decodeObject(EventWire.encode(object));

        assertThat(read.neededKeys()).containsExactly("clinic-7/packs/ab/" + PACK_ID);
        assertThat(read.objectKey()).isEqualTo(object.objectKey());
    }

    @Test
    void everyTruncationFailsNamingWhere() {
        byte[] value = EventWire.encode(new SnapshotPartSealed(3, "clinic-7", "s1", PartKind.PACK, PACK_ID, List.of(),
                0, new byte[40]));
        for (int n = 0; n < value.length; n++) {
            byte[] cut = Arrays.copyOf(value, n);
            assertThatThrownBy(() -> EventWire.decodePart(cut)).as("cut to %d bytes", n)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot part record");
        }
    }

    @Test
    void extraBytesAfterThePayloadFail() {
        byte[] value = EventWire.encode(new SnapshotPartSealed(3, "clinic-7", "s1", PartKind.PACK, PACK_ID, List.of(),
                0, new byte[40]));
        byte[] padded = Arrays.copyOf(value, value.length + 1);

        assertThatThrownBy(() -> EventWire.decodePart(padded)).hasMessageContaining("truncated or padded");
    }

    @Test
    void jsonFromAnOlderBuildSaysToUpgradeTheSender() {
        byte[] json = "{\"version\":2,\"deploymentId\":\"clinic-7\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventWire.decodePart(json)).hasMessageContaining("upgrade its sender");
        assertThatThrownBy(() -> EventWire.decodeObject(json)).hasMessageContaining("upgrade its sender");
    }

    @Test
    void aPartOnTheObjectsTopicOrAnUnknownVersionOrKindIsNamed() {
        byte[] part = EventWire.encode(new SnapshotPartSealed(3, "clinic-7", "s1", PartKind.PACK, PACK_ID, List.of(),
                0, new byte[1]));
        assertThatThrownBy(() -> EventWire.decodeObject(part)).hasMessageContaining("wrong topic");

        byte[] future = part.clone();
        future[3] = 4;
        assertThatThrownBy(() -> EventWire.decodePart(future)).hasMessageContaining("version 4");

        byte[] kind = part.clone();
        kind[4] = 9;
        assertThatThrownBy(() -> EventWire.decodePart(kind)).hasMessageContaining("unknown kind 9");
    }

    @Test
    void badFieldsAreRefusedByTheRecordNamingTheField() {
        byte[] value = EventWire.encode(new SnapshotPartSealed(3, "clinic-7", "s1", PartKind.PACK, PACK_ID, List.of(),
                0, new byte[1]));
        byte[] upper = value.clone();
        upper[7] = 'C'; // "clinic-7" → "Clinic-7"
        assertThatThrownBy(() -> EventWire.decodePart(upper)).hasMessageContaining("deploymentId 'Clinic-7'");

        byte[] notUtf8 = value.clone();
        notUtf8[7] = (byte) 0xC3;
        notUtf8[8] = (byte) 0x28;
        assertThatThrownBy(() -> EventWire.decodePart(notUtf8)).hasMessageContaining("not UTF-8");
    }

    @Test
    void anObjectKeyOutsideItsDeploymentIsRefused() {
        assertThatThrownBy(() -> new ObjectEncrypted(3, "clinic-7", "s1", PartKind.PACK, "clinic-8/packs/ab/" + PACK_ID,
                List.of(), 0, new byte[1])).hasMessageContaining("outside deployment 'clinic-7'");
        assertThatThrownBy(() -> new ObjectEncrypted(3, "clinic-7", "s1", PartKind.PACK, "clinic-7/../clinic-8/x",
                List.of(), 0, new byte[1])).hasMessageContaining("outside deployment");
    }
}
