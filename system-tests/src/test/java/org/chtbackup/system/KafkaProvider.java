package org.chtbackup.system;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.chtbackup.location.testing.LocalImages;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka broker for tests: Testcontainers Kafka where Docker already has the image, the embedded KRaft
 * broker from spring-kafka-test everywhere else. Never a mock, never a skipped suite.
 */
interface KafkaProvider extends AutoCloseable {

    String IMAGE = "apache/kafka:4.1.0";

    String bootstrapServers();

    String kind();

    /** What a plain Kafka client needs beyond the bootstrap servers (security, for a broker that requires it). */
    default java.util.Map<String, Object> clientSettings() {
        return java.util.Map.of();
    }

    /** The same as Spring settings ({@code spring.kafka.*}, without {@code --}), for the services. */
    default java.util.List<String> springSettings() {
        return java.util.List.of();
    }

    @Override
    void close();

    static KafkaProvider start() {
        return start(4194304);
    }

    /** A broker whose topics accept messages of at most {@code maxMessageBytes}. */
    static KafkaProvider start(int maxMessageBytes) {
        String max = Integer.toString(maxMessageBytes);
        if (imagePresent()) {
            KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE))
                    .withEnv("KAFKA_MESSAGE_MAX_BYTES", max);
            container.start();
            return new KafkaProvider() {
                public String bootstrapServers() {
                    return container.getBootstrapServers();
                }

                public String kind() {
                    return "testcontainers " + IMAGE;
                }

                public void close() {
                    container.stop();
                }
            };
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 8);
        broker.brokerProperty("message.max.bytes", max);
        broker.brokerProperty("replica.fetch.max.bytes", "4194304");
        broker.afterPropertiesSet();
        return new KafkaProvider() {
            public String bootstrapServers() {
                return broker.getBrokersAsString();
            }

            public String kind() {
                return "embedded KRaft";
            }

            public void close() {
                broker.destroy();
            }
        };
    }

    private static boolean imagePresent() {
        return LocalImages.present(IMAGE);
    }
}
