package org.chtbackup.storage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.location.Location;
import org.chtbackup.storage.writing.ObjectWriter;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

/** Binds {@code storeObject} (objects in) and {@code snapshotStored-out-0} (one event per location). */
@Configuration(proxyBeanMethods = false)
class StorageStreamConfiguration {

    @Bean
    List<Location> locations(StorageProperties props) {
        return props.locations().entrySet().stream().map(e -> e.getValue().toSpec(e.getKey()).open()).toList();
    }

    @Bean
    ObjectWriter objectWriter(List<Location> locations, StreamBridge bridge) {
        return new ObjectWriter(locations, event -> {
            boolean sent = bridge.send("snapshotStored-out-0", MessageBuilder.withPayload(event)
                    .setHeader(KafkaHeaders.KEY, event.deploymentId().getBytes(StandardCharsets.UTF_8)).build());
            if (!sent) {
                throw new IllegalStateException("Kafka did not accept " + event);
            }
        }, Clock.systemUTC());
    }

    @Bean
    Consumer<ObjectEncrypted> storeObject(ObjectWriter writer) {
        return writer::write;
    }
}
