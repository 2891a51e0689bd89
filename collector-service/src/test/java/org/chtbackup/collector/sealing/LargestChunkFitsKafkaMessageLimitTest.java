package org.chtbackup.collector.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class LargestChunkFitsKafkaMessageLimitTest {

    private static final int TOPIC_LIMIT = 4 * 1024 * 1024;

    @Test
    void aMaximumSizeChunkSealedAndWrittenAsJsonStaysUnderTheBoundAndTheTopicLimit() throws Exception {
        byte[] chunk = new byte[ChunkSizes.DEFAULT.max()];
        new SecureRandom().nextBytes(chunk);
        var keys = SealingKeys.generate();
        String id = "ab".repeat(32);
        byte[] sealed = new Sealer(keys.publicKey()).seal(chunk,
                SnapshotPartSealed.associatedData("clinic-7", "s1", PartKind.CHUNK, id));
        byte[] json = JsonMapper.builder().build().writeValueAsBytes(new SnapshotPartSealed(SnapshotPartSealed.VERSION,
                "clinic-7", "s1", PartKind.CHUNK, id, List.of(), sealed, 0));

        assertThat((long) json.length).isLessThanOrEqualTo(MessageLimits.messageBound(chunk.length));
        assertThat(json.length).isLessThan(TOPIC_LIMIT);
        MessageLimits.check(ChunkSizes.DEFAULT, TOPIC_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(ints = {TOPIC_LIMIT, 256 * 1024, 64 * 1024})
    void aFullChunkListPieceAndTheObjectEventCryptoMakesOfItFitTheLimit(int limit) throws Exception {
        String deployment = "d".repeat(63);
        int perPiece = MessageLimits.chunkIdsPerPiece(limit, deployment);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < perPiece; i++) {
            ids.add(String.format("%064x", i));
        }
        String listId = ObjectLayout.chunkListId("20260101T000000Z-s1", 7);
        var keys = SealingKeys.generate();
        byte[] sealed = new Sealer(keys.publicKey()).seal(new byte[0],
                SnapshotPartSealed.associatedData(deployment, "s1", PartKind.CHUNK_LIST, listId));
        JsonMapper json = JsonMapper.builder().build();
        byte[] part = json.writeValueAsBytes(new SnapshotPartSealed(SnapshotPartSealed.VERSION, deployment, "s1",
                PartKind.CHUNK_LIST, listId, ids, sealed, 0));
        byte[] object = new byte[2048]; // an OpenPGP message of an empty payload is a few hundred bytes
        byte[] stored = json.writeValueAsBytes(new ObjectEncrypted(ObjectEncrypted.VERSION, deployment, "s1",
                PartKind.CHUNK_LIST, ObjectLayout.chunkListKey(deployment, listId),
                ids.stream().map(id -> ObjectLayout.chunkKey(deployment, id)).toList(), object, 0));

        assertThat(perPiece).isLessThanOrEqualTo(SnapshotPartSealed.MAX_IDS_PER_PIECE);
        assertThat(part.length).isLessThan(limit);
        assertThat(stored.length).isLessThan(limit);
    }

    @Test
    void chunksTooLargeForTheTopicAreRefusedAtStartNamingTheKey() {
        assertThatThrownBy(() -> MessageLimits.check(new ChunkSizes(1 << 20, 2 << 20, 4 << 20), TOPIC_LIMIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collector.chunking.max");
    }
}
