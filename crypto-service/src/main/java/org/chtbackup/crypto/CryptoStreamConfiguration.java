package org.chtbackup.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.crypto.encryption.KeysUsed;
import org.chtbackup.crypto.encryption.PartEncryptor;
import org.chtbackup.crypto.encryption.PartRefusals;
import org.chtbackup.crypto.keys.KeyExpiryMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code encryptPart}: binary snapshot parts in, binary OpenPGP object records out ({@code objects-out-0}).
 * A pack keeps its pack id as key, so packs stay spread over the partitions; lists and manifests are keyed by
 * deployment.
 *
 * <p>A consumer with its own producer, not a function and not StreamBridge: Spring Cloud Function decodes every
 * byte[] a function takes, or StreamBridge sends, as UTF-8 and parses it as JSON (to spread a JSON array over
 * calls), which for 4 MiB binary packs was half of crypto's CPU. Each send is awaited, so a part's offset is
 * committed only once its object is with the broker (at least once).
 */
@Configuration(proxyBeanMethods = false)
class CryptoStreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoStreamConfiguration.class);
    /** Past the producer's own delivery timeout (2 minutes): a send fails before this, with Kafka's reason. */
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(3);

    @Bean
    PartEncryptor partEncryptor(CryptoProperties props, MeterRegistry meters) {
        ServiceKeys serviceKeys = ServiceKeys.load(props);
        KeyExpiryMetrics.register(meters, serviceKeys.recipients(), serviceKeys.signer().getPublicKey());
        PartEncryptor encryptor = serviceKeys.partEncryptor();
        KeysUsed keys = encryptor.keys();
        // Fingerprints only: they identify keys and reveal nothing of them.
        log.info("encrypting to recipients {} (subkeys {}), signing with {}, opening parts sealed to {} by the senders"
                + " registered in {}", keys.recipients(), keys.encryptionSubkeys(), keys.signer(), keys.sealing(),
                serviceKeys.senders().dir());
        return encryptor;
    }

    @Bean
    Consumer<byte[]> encryptPart(PartEncryptor encryptor, MeterRegistry meters, Producer<byte[], byte[]> objects) {
        Counter encrypted = Counter.builder("cht.crypto.parts.encrypted")
                .description("snapshot parts turned into OpenPGP objects by this instance").register(meters);
        Counter bytes = Counter.builder("cht.crypto.bytes.encrypted").baseUnit("bytes")
                .description("plaintext bytes of the parts this instance encrypted").register(meters);
        PartRefusals refusals = new PartRefusals(meters);
        return value -> {
            SnapshotPartSealed part;
            ObjectEncrypted object;
            try {
                part = EventWire.decodePart(value);
                object = encryptor.encrypt(part);
            } catch (RuntimeException e) {
                throw refusals.refused(e);
            }
            encrypted.increment();
            bytes.increment(part.sealed().length);
            String key = part.kind() == PartKind.PACK ? part.objectId() : part.deploymentId();
            try {
                objects.send(new ProducerRecord<>(Topics.OBJECTS, key.getBytes(StandardCharsets.UTF_8),
                        EventWire.encode(object))).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Kafka took object " + object.objectKey(), e);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException("Kafka did not take object " + object.objectKey() + ": "
                        + cause.getClass().getSimpleName() + " — check the broker's health", cause);
            }
        };
    }

    /**
     * The producer of objects: the binder's Kafka settings ({@code spring.kafka.*}, security included) and brokers,
     * plus what large binary records need.
     */
    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> objectsProducer(KafkaProperties kafka,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${crypto.kafka-max-message-bytes:16777216}") int maxMessageBytes,
            @Value("${crypto.producer-batch-bytes:6291456}") int batchBytes,
            @Value("${spring.cloud.stream.bindings.encryptPart-in-0.consumer.concurrency:1}") int consumers) {
        return new KafkaProducer<>(objectsProducerConfig(kafka.buildProducerProperties(), brokers, maxMessageBytes,
                batchBytes, consumers), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> objectsProducerConfig(Map<String, Object> kafka, String brokers, int maxMessageBytes,
                                                     int batchBytes, int consumers) {
        if (batchBytes < 1 << 16) {
            throw new IllegalArgumentException("crypto.producer-batch-bytes must be at least 65536, not " + batchBytes);
        }
        int batch = Math.min(batchBytes, maxMessageBytes);
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
        // Kafka reuses only batch buffers of exactly batch.size; a larger record gets a buffer of its own, which
        // outlives young collections while the broker acknowledges it. So batch.size holds the largest object the
        // collectors' packing makes (the default 4 MiB target plus a chunk and OpenPGP: under 6 MiB), with one buffer
        // per consumer thread, each awaiting its send, and one spare. Not the largest record the topic takes: the
        // pool keeps its buffers for good, and three of 16 MiB were half of crypto's live heap, the cause of its
        // full collections (docs/benchmarks.md).
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batch);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max((long) batch * (consumers + 1),
                (long) maxMessageBytes + batch));
        // OpenPGP objects are compressed and encrypted already: Kafka compression would only cost CPU.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "crypto-objects");
        return config;
    }
}
