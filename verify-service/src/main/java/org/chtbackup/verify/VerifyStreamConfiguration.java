package org.chtbackup.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.location.Location;
import org.chtbackup.verify.drill.DrillRunner;
import org.chtbackup.verify.report.ReportWriter;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

/** Binds {@code drillStored}: each stored snapshot is drilled from the location it was stored in. */
@Configuration(proxyBeanMethods = false)
class VerifyStreamConfiguration {

    @Bean
    ObjectDecryptor objectDecryptor(VerifyProperties props) throws IOException {
        char[] passphrase = props.decryptionKeyPassphrase() == null ? null
                : props.decryptionKeyPassphrase().toCharArray();
        List<PGPPrivateKey> keys = new ArrayList<>();
        for (Path file : props.decryptionKeyFiles()) {
            for (PGPSecretKeyRing ring : KeyRing.loadSecretRings(file)) {
                keys.addAll(KeyRing.unlockDecryptionKeys(ring, passphrase));
            }
        }
        List<PGPPublicKey> signers = new ArrayList<>();
        for (Path file : props.trustedSignerFiles()) {
            for (PGPPublicKeyRing ring : KeyRing.loadPublicRings(file)) {
                signers.addAll(KeyRing.signingKeys(ring));
            }
        }
        return new ObjectDecryptor(keys, signers);
    }

    @Bean
    DrillRunner drillRunner(VerifyProperties props, ObjectDecryptor decryptor, StreamBridge bridge) {
        Map<String, Location> locations = new LinkedHashMap<>();
        props.locations().forEach((name, settings) -> locations.put(name, settings.toSpec(name).open()));
        ReportWriter reports = new ReportWriter(props.reportDir());
        return new DrillRunner(locations, new SnapshotRestorer(decryptor), props.scratchDir(), props.keepRestored(),
                drill -> {
                    reports.write(drill);
                    bridge.send("drillCompleted-out-0", MessageBuilder.withPayload(drill)
                            .setHeader(KafkaHeaders.KEY, drill.deploymentId().getBytes(StandardCharsets.UTF_8))
                            .build());
                }, Clock.systemUTC());
    }

    @Bean
    Consumer<SnapshotStored> drillStored(DrillRunner runner) {
        return stored -> runner.drill(stored.deploymentId(), stored.snapshotId(), stored.location(),
                stored.manifestKey());
    }
}
