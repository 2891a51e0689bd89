package org.chtbackup.crypto;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.crypto.encryption.KeysUsed;
import org.chtbackup.crypto.encryption.PartEncryptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** Binds {@code encryptPart}: snapshot parts in, OpenPGP objects out, keyed by deployment. */
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
    Function<SnapshotPartSealed, Message<ObjectEncrypted>> encryptPart(PartEncryptor encryptor, MeterRegistry meters) {
        Counter encrypted = Counter.builder("cht.crypto.parts.encrypted")
                .description("snapshot parts turned into OpenPGP objects by this instance").register(meters);
        return part -> {
            ObjectEncrypted object = encryptor.encrypt(part);
            encrypted.increment();
            return MessageBuilder.withPayload(object)
                    .setHeader(KafkaHeaders.KEY, object.deploymentId().getBytes(StandardCharsets.UTF_8))
                    .build();
        };
    }
}
