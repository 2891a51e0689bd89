package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.chtbackup.contracts.packs.PackCompression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The objects producer's reusable batch buffers hold the objects the collectors' packing makes, there is one for
 * each consumer thread awaiting its send and a spare, and the largest record the topic takes is still accepted.
 */
class ObjectsProducerReusesItsBuffersTest {

    private static final int DEFAULT_BATCH = 6291456;

    @ParameterizedTest
    @CsvSource({"16777216, 6291456, 2", "1048576, 6291456, 1", "16777216, 6291456, 8", "16777216, 12582912, 2"})
    void batchBuffersHoldAPackForEachConsumerThreadAndTheLargestRecordIsAccepted(int maxMessageBytes, int batchBytes,
                                                                                 int consumers) {
        Map<String, Object> config = CryptoStreamConfiguration.objectsProducerConfig(
                Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 16384), "localhost:9092", maxMessageBytes, batchBytes,
                consumers);

        int batch = (Integer) config.get(ProducerConfig.BATCH_SIZE_CONFIG);
        long memory = (Long) config.get(ProducerConfig.BUFFER_MEMORY_CONFIG);
        assertThat(batch).isEqualTo(Math.min(batchBytes, maxMessageBytes));
        assertThat(memory).isGreaterThanOrEqualTo((long) batch * (consumers + 1));
        assertThat(memory).isGreaterThanOrEqualTo((long) maxMessageBytes);
    }

    @Test
    void theDefaultBatchHoldsTheLargestObjectOfTheCollectorsDefaultPacking() {
        // collector.packing.target-bytes 4 MiB overshot by one chunk of the largest size (512 KiB), then the seal,
        // the event envelope and OpenPGP's packets (keys, signature, MDC): a few KiB (docs/collector.md)
        long largestObject = (4 << 20) + PackCompression.growthBound(512 << 10) + 16384;
        assertThat((long) DEFAULT_BATCH).isGreaterThan(largestObject);
    }

    @Test
    void aBatchTooSmallToBeUsefulIsRefusedByName() {
        assertThatThrownBy(() -> CryptoStreamConfiguration.objectsProducerConfig(Map.of(), "localhost:9092",
                16777216, 4096, 2)).hasMessageContaining("crypto.producer-batch-bytes");
    }
}
