package org.chtbackup.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectEncryptor;
import org.chtbackup.contracts.sealing.Opener;
import org.chtbackup.contracts.sealing.SealingKeys;
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
    PartEncryptor partEncryptor(CryptoProperties props) throws IOException {
        Opener opener = new Opener(SealingKeys.readKey(props.sealingPrivateKeyFile()));
        List<PGPPublicKey> recipients = new ArrayList<>();
        for (Path file : props.recipientKeyFiles()) {
            for (PGPPublicKeyRing ring : KeyRing.loadPublicRings(file)) {
                recipients.addAll(KeyRing.encryptionKeys(ring));
                log.info("encrypting to recipient {}", KeyRing.fingerprints(ring).get(0));
            }
        }
        PGPSecretKeyRing signer = KeyRing.loadSecretRings(props.signingKeyFile()).get(0);
        char[] passphrase = props.signingKeyPassphrase() == null ? null : props.signingKeyPassphrase().toCharArray();
        log.info("signing with {}; sealing key {}", KeyRing.fingerprints(signer).get(0), opener.fingerprint());
        return new PartEncryptor(opener, new ObjectEncryptor(recipients, KeyRing.unlockSigningKey(signer, passphrase)));
    }

    @Bean
    Function<SnapshotPartSealed, Message<ObjectEncrypted>> encryptPart(PartEncryptor encryptor) {
        return part -> {
            ObjectEncrypted object = encryptor.encrypt(part);
            return MessageBuilder.withPayload(object)
                    .setHeader(KafkaHeaders.KEY, object.deploymentId().getBytes(StandardCharsets.UTF_8))
                    .build();
        };
    }
}
