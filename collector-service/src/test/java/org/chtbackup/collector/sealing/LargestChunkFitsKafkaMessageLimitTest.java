package org.chtbackup.collector.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;

import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.junit.jupiter.api.Test;
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
                "clinic-7", "s1", PartKind.CHUNK, id, List.of(), sealed));

        assertThat((long) json.length).isLessThanOrEqualTo(MessageLimits.messageBound(chunk.length));
        assertThat(json.length).isLessThan(TOPIC_LIMIT);
        MessageLimits.check(ChunkSizes.DEFAULT, TOPIC_LIMIT);
    }

    @Test
    void chunksTooLargeForTheTopicAreRefusedAtStartNamingTheKey() {
        assertThatThrownBy(() -> MessageLimits.check(new ChunkSizes(1 << 20, 2 << 20, 4 << 20), TOPIC_LIMIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collector.chunking.max");
    }
}
