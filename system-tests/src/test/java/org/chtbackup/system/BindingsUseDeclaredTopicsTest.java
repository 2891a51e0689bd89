package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Topic names live in one place ({@link Topics}): every destination and dead-letter topic a service's YAML
 * binds is one of them, and every consumer binding has a group and a dead-letter topic.
 */
class BindingsUseDeclaredTopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"collector", "crypto", "storage", "verify"})
    @SuppressWarnings("unchecked")
    void everyBindingUsesADeclaredTopicAndEveryConsumerHasAGroupAndADeadLetterTopic(String service) throws IOException {
        Map<String, Object> stream = (Map<String, Object>) path(load(service), "spring", "cloud", "stream");
        Map<String, Object> bindings = (Map<String, Object>) stream.get("bindings");
        Map<String, Object> kafkaBindings = (Map<String, Object>) path(stream, "kafka", "bindings");
        assertThat(bindings).as(service + " bindings").isNotEmpty();
        bindings.forEach((name, value) -> {
            Map<String, Object> binding = (Map<String, Object>) value;
            assertThat(Topics.ALL).as(service + " " + name + " destination").contains((String) binding.get("destination"));
            if (name.contains("-in-")) {
                assertThat(binding.get("group")).as(service + " " + name + " group").isNotNull();
                Map<String, Object> consumer = (Map<String, Object>) path(kafkaBindings, name, "consumer");
                assertThat(consumer.get("enable-dlq")).as(service + " " + name + " enable-dlq").isEqualTo(true);
                assertThat((String) consumer.get("dlq-name")).as(service + " " + name + " dlq-name")
                        .isEqualTo(Topics.deadLetter((String) binding.get("destination")));
            }
        });
    }

    private static Map<String, Object> load(String service) throws IOException {
        try (Reader reader = Files.newBufferedReader(yml(service))) {
            return new Yaml().load(reader);
        }
    }

    /** A service's own YAML in this repository, e.g. {@code crypto-service/src/main/resources/crypto.yml}. */
    static Path yml(String service) {
        return SharedFixtures.repository().resolve(service + "-service/src/main/resources/" + service + ".yml");
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            current = ((Map<String, Object>) current).get(key);
            assertThat(current).as("key " + key).isNotNull();
        }
        return current;
    }
}
