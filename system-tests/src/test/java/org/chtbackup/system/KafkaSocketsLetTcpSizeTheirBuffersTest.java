package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * Every Kafka socket lets TCP size its buffers (-1): Kafka's fixed 64–128 KiB caps a connection at buffer / round
 * trip, which for a collector far from the broker is under 1 MB/s, and on the local stack cost about 6 % of the
 * first snapshot (docs/benchmarks.md). The clients get it through {@code spring.kafka.properties}, which the binder
 * and the services' own producers both build on; both brokers (the local stack's and the image's) get it too.
 */
class KafkaSocketsLetTcpSizeTheirBuffersTest {

    @ParameterizedTest
    @ValueSource(strings = {"collector", "crypto", "storage", "verify"})
    void everyServicesProducersAndConsumersLeaveTheBuffersToTcp(String service) throws IOException {
        KafkaProperties kafka = kafkaProperties(service);
        for (Map<String, Object> client : java.util.List.of(kafka.buildProducerProperties(),
                kafka.buildConsumerProperties(), kafka.buildAdminProperties())) {
            assertThat(client).as(service).containsEntry(CommonClientConfigs.SEND_BUFFER_CONFIG, "-1")
                    .containsEntry(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, "-1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"infra/local/run.sh", "infra/images/kafka/entrypoint.sh"})
    void everyBrokerLeavesTheBuffersToTcp(String script) throws IOException {
        assertThat(Files.readAllLines(SharedFixtures.repository().resolve(script)))
                .as(script + " writes server.properties")
                .contains("socket.send.buffer.bytes=-1", "socket.receive.buffer.bytes=-1");
    }

    /** The service's YAML bound as Spring Boot binds it at start. */
    private static KafkaProperties kafkaProperties(String service) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load(service, new FileSystemResource(BindingsUseDeclaredTopicsTest.yml(service)))
                .forEach(source -> environment.getPropertySources().addFirst(source));
        return Binder.get(environment).bind("spring.kafka", KafkaProperties.class).orElseGet(KafkaProperties::new);
    }
}
