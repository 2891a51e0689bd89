package org.chtbackup.crypto;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/** Starts the crypto service as production does ({@link CryptoApplication#application()}), on a test broker. */
final class Services {

    static ConfigurableApplicationContext start(TestKafka kafka, List<String> settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrap(),
                // Tests need not wait out the production back-off before a record is dead-lettered.
                "--spring.cloud.stream.bindings.encryptPart-in-0.consumer.back-off-initial-interval=50"));
        settings.forEach(s -> args.add("--" + s));
        return CryptoApplication.application().run(args.toArray(String[]::new));
    }

    static String manifestJson(String deployment, String snapshot, List<String> chunkIds) {
        StringBuilder files = new StringBuilder();
        for (String id : chunkIds) {
            files.append(files.isEmpty() ? "" : ",").append("{\"root\":\"COUCHDB_DATA\",\"path\":\"shards/x.couch\","
                    + "\"kind\":\"DATABASE\",\"size\":1,\"chunks\":[\"").append(id).append("\"]}");
        }
        return "{\"formatVersion\":1,\"deploymentId\":\"" + deployment + "\",\"snapshotId\":\"" + snapshot
                + "\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"files\":[" + files + "]}";
    }

    private Services() {
    }
}
