package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.chtbackup.contracts.events.DrillCompleted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a broker that requires SASL_SSL the whole pipeline runs (every service's binder and raw clients read
 * {@code spring.kafka.*}), and a client without credentials, or with wrong ones, is refused.
 */
class SaslSslBrokerRefusesAnonymousClientsTest {

    @TempDir
    static Path tmp;
    static SaslSslBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new SaslSslBroker(tmp.resolve("broker"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void thePipelineBacksUpAndDrillsOverSaslSsl() {
        try (Pipeline pipeline = Pipeline.onBroker(broker)) {
            SampleSnapshot snapshot = SampleSnapshot.take(pipeline);

            assertThat(snapshot.drills).extracting(DrillCompleted::location)
                    .containsExactlyInAnyOrder("primary", "offsite", "nas");
            for (DrillCompleted drill : snapshot.drills) {
                assertThat(drill.failures()).as("drill of %s", drill.location()).isEmpty();
            }
        }
    }

    @Test
    void aClientWithCredentialsIsServed() throws Exception {
        try (Admin admin = admin(broker.client(SaslSslBroker.ADMIN))) {
            admin.createTopics(List.of(new NewTopic("sasl-check", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            // The controller answers the create once it is committed; the broker's metadata cache, which
            // answers the listing, catches up a moment later (CI once listed no topics at all).
            Set<String> names = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    !names.contains("sasl-check") && System.nanoTime() < deadline; ) {
                Thread.sleep(200);
                names = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            }
            assertThat(names).contains("sasl-check");
        }
    }

    @Test
    void aClientWithoutCredentialsOrWithWrongOnesIsRefused() {
        try (Admin anonymous = admin(Map.of("request.timeout.ms", 5000, "default.api.timeout.ms", 8000))) {
            assertThatThrownBy(() -> anonymous.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("a plaintext client gets no answer from the TLS listener")
                    .isInstanceOfAny(ExecutionException.class, TimeoutException.class);
        }
        try (Admin wrong = admin(broker.client(SaslSslBroker.SERVICE, "not-the-password"))) {
            assertThatThrownBy(() -> wrong.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static Admin admin(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.putIfAbsent("default.api.timeout.ms", 30000);
        return Admin.create(config);
    }
}
