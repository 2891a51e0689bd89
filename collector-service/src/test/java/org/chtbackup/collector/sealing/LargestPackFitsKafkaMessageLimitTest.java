package org.chtbackup.collector.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.packing.PackSettings;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.packs.PackCompression;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LargestPackFitsKafkaMessageLimitTest {

    private static final int TOPIC_LIMIT = 16 * 1024 * 1024;

    @Test
    void theLargestPackSealedAndFramedStaysUnderTheBoundAndTheTopicLimit() {
        PackSettings packing = PackSettings.DEFAULT;
        // The worst case: a full pack overshot by one incompressible chunk of the largest size.
        byte[] pack = new byte[packing.targetBytes() + PackCompression.growthBound(ChunkSizes.DEFAULT.max())];
        new SecureRandom().nextBytes(pack);
        String id = "ab".repeat(32);
        byte[] sealed = new Sealer(SealingKeys.generate().publicKey(), SealingKeys.generate().privateKey()).seal(pack,
                SnapshotPartSealed.associatedData("d".repeat(63), "s1", PartKind.PACK, id, List.of(), 0));
        byte[] value = EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, "d".repeat(63), "s1",
                PartKind.PACK, id, List.of(), 0, sealed));

        assertThat((long) value.length).isLessThanOrEqualTo(MessageLimits.packBound(packing, ChunkSizes.DEFAULT));
        assertThat(value.length).isLessThan(TOPIC_LIMIT);
        MessageLimits.check(packing, ChunkSizes.DEFAULT, TOPIC_LIMIT);
        // The batch Kafka's producer would allocate for it (its own upper bound) fits one reusable batch buffer.
        assertThat(AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                id.getBytes(StandardCharsets.UTF_8), value, new Header[0]))
                .isLessThanOrEqualTo(MessageLimits.producerBatchBytes(packing, ChunkSizes.DEFAULT));
    }

    @ParameterizedTest
    @ValueSource(ints = {TOPIC_LIMIT, 256 * 1024, 64 * 1024})
    void aFullPackListPieceAndTheObjectEventCryptoMakesOfItFitTheLimit(int limit) {
        String deployment = "d".repeat(63);
        int perPiece = MessageLimits.packIdsPerPiece(limit, deployment);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < perPiece; i++) {
            ids.add(String.format("%064x", i));
        }
        String listId = ObjectLayout.chunkListId("20260101T000000Z-s1", 7);
        byte[] sealed = new Sealer(SealingKeys.generate().publicKey(), SealingKeys.generate().privateKey()).seal(new byte[0],
                SnapshotPartSealed.associatedData(deployment, "s1", PartKind.PACK_LIST, listId, ids, 0));
        byte[] part = EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, deployment, "s1",
                PartKind.PACK_LIST, listId, ids, 0, sealed));
        byte[] object = new byte[2048]; // an OpenPGP message of an empty payload is a few hundred bytes
        byte[] stored = EventWire.encode(new ObjectEncrypted(ObjectEncrypted.VERSION, deployment, "s1",
                PartKind.PACK_LIST, ObjectLayout.chunkListKey(deployment, listId),
                ids.stream().map(id -> ObjectLayout.packKey(deployment, id)).toList(), 0, object));

        assertThat(perPiece).isLessThanOrEqualTo(SnapshotPartSealed.MAX_IDS_PER_PIECE);
        assertThat(part.length).isLessThan(limit);
        assertThat(stored.length).isLessThan(limit);
    }

    @Test
    void packsTooLargeForTheTopicAreRefusedAtStartNamingTheKey() {
        PackSettings tooLarge = new PackSettings(32 << 20, 3, PackCompression.Tuning.COUCHDB);
        assertThatThrownBy(() -> MessageLimits.check(tooLarge, ChunkSizes.DEFAULT, TOPIC_LIMIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collector.packing.target-bytes");
    }
}
