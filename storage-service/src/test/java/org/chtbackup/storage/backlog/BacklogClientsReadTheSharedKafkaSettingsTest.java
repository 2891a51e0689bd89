package org.chtbackup.storage.backlog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The backlog's own Kafka clients take the settings the binder's clients take ({@code spring.kafka.*}), security
 * included: asked for SASL without a JAAS login, they refuse to start for that reason, before any connection.
 */
class BacklogClientsReadTheSharedKafkaSettingsTest {

    @Test
    void saslSettingsReachTheBacklogsClients() {
        Map<String, Object> sasl = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN");

        assertThatThrownBy(() -> new KafkaBacklog("127.0.0.1:9", sasl, sasl))
                .rootCause().hasMessageContaining("JAAS");
    }
}
