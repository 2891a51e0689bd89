package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.chtbackup.contracts.events.Topics;
import org.junit.jupiter.api.Test;

/**
 * The topics the services create carry their own retention (docs/architecture.md says why), not the broker's
 * default: the data path a week, the backlog and the events 30 days.
 */
class TopicsKeepWhatTheyNeedTest {

    private static final long WEEK = Duration.ofDays(7).toMillis();
    private static final long MONTH = Duration.ofDays(30).toMillis();

    @Test
    void everyTopicTheServicesCreateHasItsRetention() throws Exception {
        Pipeline pipeline = SampleSnapshot.get().pipeline;
        Map<String, Long> want = new LinkedHashMap<>();
        want.put(Topics.SNAPSHOT_PARTS, WEEK);
        want.put(Topics.OBJECTS, WEEK);
        want.put(Topics.STORAGE_BACKLOG, MONTH);
        for (String topic : List.of(Topics.SNAPSHOTS_STORED, Topics.PACKS_RELEASED, Topics.DRILLS,
                Topics.SNAPSHOT_STATUS, Topics.SNAPSHOT_PROGRESS, Topics.SNAPSHOTS_COMPLETED)) {
            // (snapshots-failed is created by the first failure, under the same default)
            want.put(topic, MONTH);
        }
        Map<String, Long> got = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.kafka.bootstrapServers()))) {
            List<ConfigResource> resources = want.keySet().stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> got.put(resource.name(),
                    Long.parseLong(config.get("retention.ms").value())));
        }
        assertThat(got).isEqualTo(new TreeMap<>(want));
    }

    @Test
    void theServicesCreateNoTopicOutsideTheirNamespace() throws Exception {
        Pipeline pipeline = SampleSnapshot.get().pipeline;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.kafka.bootstrapServers()))) {
            // A binding declared by a bare name once made topics such as "objects" and "snapshotStored": empty,
            // and refused (logged every 30 s) by a broker with ACLs.
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .allSatisfy(topic -> assertThat(topic).startsWith("cht-backup."));
        }
    }
}
