package org.chtbackup.crypto;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.crypto.encryption.KeysUsed;
import org.chtbackup.crypto.encryption.PartEncryptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Binds {@code encryptPart}: binary snapshot parts in, binary OpenPGP object records out ({@code objects-out-0}).
 * A pack keeps its pack id as key, so packs stay spread over the partitions; lists and manifests are keyed by
 * deployment.
 *
 * <p>A consumer that sends, not a function: Spring Cloud Function decodes a function's byte[] input as UTF-8 and
 * parses it as JSON (to spread a JSON array over calls), which for 4 MiB binary packs was half of crypto's CPU. The
 * output binding is synchronous, so a part's offset is committed only once its object is with the broker.
 */
@Configuration(proxyBeanMethods = false)
class CryptoStreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoStreamConfiguration.class);

    @Bean
    PartEncryptor partEncryptor(CryptoProperties props) {
        PartEncryptor encryptor = ServiceKeys.load(props).partEncryptor();
        KeysUsed keys = encryptor.keys();
        // Fingerprints only: they identify keys and reveal nothing of them.
        log.info("encrypting to recipients {} (subkeys {}), signing with {}, opening parts sealed to {}",
                keys.recipients(), keys.encryptionSubkeys(), keys.signer(), keys.sealing());
        return encryptor;
    }

    @Bean
    Consumer<byte[]> encryptPart(PartEncryptor encryptor, MeterRegistry meters, StreamBridge objects) {
        Counter encrypted = Counter.builder("cht.crypto.parts.encrypted")
                .description("snapshot parts turned into OpenPGP objects by this instance").register(meters);
        Counter bytes = Counter.builder("cht.crypto.bytes.encrypted").baseUnit("bytes")
                .description("plaintext bytes of the parts this instance encrypted").register(meters);
        return value -> {
            SnapshotPartSealed part = EventWire.decodePart(value);
            ObjectEncrypted object = encryptor.encrypt(part);
            encrypted.increment();
            bytes.increment(part.sealed().length);
            String key = part.kind() == PartKind.PACK ? part.objectId() : part.deploymentId();
            Message<byte[]> record = MessageBuilder.withPayload(EventWire.encode(object))
                    .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                    .build();
            if (!objects.send("objects-out-0", record)) {
                throw new IllegalStateException("Kafka did not take object " + object.objectKey());
            }
        };
    }
}
