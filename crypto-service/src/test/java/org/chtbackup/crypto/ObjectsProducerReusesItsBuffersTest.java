package org.chtbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every object the producer accepts fits one of its reusable batch buffers, and there is one for each consumer thread
 * awaiting its send: a record over {@code batch.size} would get a buffer of its own per send.
 */
class ObjectsProducerReusesItsBuffersTest {

    @ParameterizedTest
    @CsvSource({"16777216, 2", "1048576, 1", "16777216, 8"})
    void everyAcceptedRecordFitsOneBatchBufferAndEachConsumerThreadHasOne(int maxMessageBytes, int consumers) {
        Map<String, Object> config = CryptoStreamConfiguration.objectsProducerConfig(
                Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 16384), "localhost:9092", maxMessageBytes, consumers);

        int batch = (Integer) config.get(ProducerConfig.BATCH_SIZE_CONFIG);
        assertThat(batch).isGreaterThanOrEqualTo((Integer) config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertThat((Long) config.get(ProducerConfig.BUFFER_MEMORY_CONFIG)).isGreaterThanOrEqualTo((long) batch * consumers);
    }
}
