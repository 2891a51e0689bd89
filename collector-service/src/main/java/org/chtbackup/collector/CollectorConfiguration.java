package org.chtbackup.collector;

import java.time.Clock;
import java.util.Base64;

import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.discovery.ConfiguredPathsDiscovery;
import org.chtbackup.collector.plan.SnapshotPlanner;
import org.chtbackup.collector.sealing.SealedPartPublisher;
import org.chtbackup.collector.snapshot.SnapshotRunner;
import org.chtbackup.collector.snapshot.SnapshotTrigger;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the snapshot stages from {@link CollectorProperties}. */
@Configuration(proxyBeanMethods = false)
class CollectorConfiguration {

    @Bean
    SnapshotRunner snapshotRunner(CollectorProperties props, StreamBridge bridge) {
        ConfiguredPathsDiscovery discovery = new ConfiguredPathsDiscovery(props.hostRoot(), props.envFile(),
                props.tlsDir(), props.couchdbConfigDir());
        Sealer sealer = new Sealer(SealingKeys.decode(props.sealingPublicKey()));
        ChunkSizes sizes = new ChunkSizes(props.chunking().min(), props.chunking().average(), props.chunking().max());
        return new SnapshotRunner(props.deploymentId(), discovery::discover, new SnapshotPlanner(),
                new ChunkIds(Base64.getDecoder().decode(props.dedupKey())), sizes,
                new SealedPartPublisher(sealer, bridge), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    SnapshotTrigger snapshotTrigger(SnapshotRunner runner) {
        return new SnapshotTrigger(runner);
    }
}
