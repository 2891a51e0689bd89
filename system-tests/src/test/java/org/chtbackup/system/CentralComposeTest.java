package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator does with infra/compose, from locally built images: init.sh makes the secrets, add-collector.sh
 * registers a host, central.yml starts Kafka (SASL_SSL, SCRAM, ACLs per role), two S3 locations, crypto, storage,
 * verify and Prometheus, and collector.yml backs the sample host up into it. The snapshot is stored in all three
 * locations and drilled from each; Prometheus has the alert rules and scrapes the three services; and the
 * collector's Kafka user cannot read what only storage may read.
 */
class CentralComposeTest {

    static final String TAG = ServiceImagesTest.TAG;
    static final Path COMPOSE = Path.of("/usr/bin/docker-compose");
    static final String DEPLOYMENT = "clinic-compose";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theCentralComposeStoresAndDrillsASnapshotTheCollectorComposeSends(@TempDir Path work) throws Exception {
        Requirements.require(ServiceImagesTest.run(Duration.ofSeconds(20), "docker", "info").code() == 0,
                "no Docker engine; .ci/run starts dockerd");
        Requirements.require(Files.isExecutable(COMPOSE), "docker-compose is not installed; .ci/run installs Debian's");
        Requirements.require(ServiceImagesTest.run(Duration.ofSeconds(20), "docker", "image", "inspect",
                ServiceImagesTest.BASE).code() == 0, "no base image; .ci/run builds it");
        Path repository = SharedFixtures.repository();
        Path compose = repository.resolve("infra/compose");
        ServiceImagesTest.Result build = ServiceImagesTest.run(Duration.ofMinutes(10),
                repository.resolve("infra/images/build.sh").toString(), "--tag", TAG, "collector", "crypto", "storage",
                "verify", "kafka", "s3proxy", "prometheus");
        assertThat(build.code()).as(build.output()).isZero();

        Path secrets = work.resolve("secrets");
        Map<String, String> env = new HashMap<>(Map.of("CHT_BACKUP_TAG", TAG, "CHT_BACKUP_SECRETS", secrets.toString()));
        assertOk(run(env, Duration.ofMinutes(2), compose.resolve("init.sh").toString(), secrets.toString()));
        assertOk(run(env, Duration.ofMinutes(2), compose.resolve("add-collector.sh").toString(), secrets.toString(),
                DEPLOYMENT));
        String token = Files.readString(secrets.resolve("api-token")).strip();
        int verifyPort = ChildProcess.freePort();
        int prometheusPort = ChildProcess.freePort();
        env.put("KAFKA_PUBLISH", "127.0.0.1:" + ChildProcess.freePort());
        env.put("CRYPTO_PORT", String.valueOf(ChildProcess.freePort()));
        env.put("STORAGE_PORT", String.valueOf(ChildProcess.freePort()));
        env.put("VERIFY_PORT", String.valueOf(verifyPort));
        env.put("PROMETHEUS_PORT", String.valueOf(prometheusPort));
        String project = "chtbackuptest" + Long.toHexString(System.nanoTime()).substring(6);
        List<String> central = List.of(COMPOSE.toString(), "-p", project, "-f", compose.resolve("central.yml").toString());
        List<String> collector = List.of(COMPOSE.toString(), "-p", project + "collector", "-f",
                compose.resolve("collector.yml").toString());
        try {
            assertOk(run(env, Duration.ofMinutes(6), concat(central, "up", "-d")));
            awaitHealthy(project, 7);

            Path host = Files.createDirectories(work.resolve("host"));
            assertOk(ServiceImagesTest.run(Duration.ofSeconds(60), "cp", "-a",
                    SharedFixtures.chtHost().toString() + "/.", host.toString()));
            Map<String, String> hostEnv = new HashMap<>(env);
            hostEnv.put("CHT_BACKUP_NETWORK", project + "_default");
            hostEnv.put("CHT_HOST_ROOT", host.toString());
            hostEnv.put("CHT_BACKUP_CONFIG", secrets.resolve("hosts").resolve(DEPLOYMENT).toString());
            hostEnv.put("COLLECTOR_DOCKER_ENABLED", "false");
            hostEnv.put("COLLECTOR_PORT", String.valueOf(ChildProcess.freePort()));
            ServiceImagesTest.Result snapshot = run(hostEnv, Duration.ofMinutes(5), concat(collector, "run", "--rm",
                    "-T", "collector", "snapshot", "--once", "--collector.host-root=/host",
                    "--collector.tls-dir=/nginx-private"));
            assertOk(snapshot);

            JsonNode fleet = awaitDrills(verifyPort, token);
            assertThat(fleet.path("newestStoredIn").toString()).contains("nas", "offsite", "primary");
            assertThat(fleet.path("threeTwoOne").asString()).startsWith("met");
            for (String location : List.of("nas", "offsite", "primary")) {
                // No scratch CouchDB image here: the boot check cannot run, so a good drill is INCOMPLETE, never FAIL.
                assertThat(fleet.path("locations").path(location).asString()).as(location).doesNotContain("FAIL")
                        .doesNotContain("never drilled");
            }
            Reply drills = get("http://127.0.0.1:" + verifyPort + "/drills", token);
            assertThat(drills.statusCode()).isEqualTo(200);

            assertThat(awaitPrometheusTargetsUp(prometheusPort)).isEqualTo(3);
            String rules = get("http://127.0.0.1:" + prometheusPort + "/api/v1/rules", null).body();
            Matcher alerts = Pattern.compile("\"type\":\"alerting\"").matcher(rules);
            int count = 0;
            while (alerts.find()) {
                count++;
            }
            assertThat(count).as("alert rules loaded").isEqualTo(13);
            // Every query of the shipped Grafana dashboard is one this Prometheus accepts.
            JsonNode dashboard = JSON.readTree(Files.readString(repository.resolve(
                    "infra/compose/grafana/cht-backup-fleet.json")));
            for (JsonNode panel : dashboard.path("panels")) {
                String expr = panel.path("targets").get(0).path("expr").asString();
                Reply query = get("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                        + java.net.URLEncoder.encode(expr, java.nio.charset.StandardCharsets.UTF_8), null);
                assertThat(query.body()).as(expr).contains("\"status\":\"success\"");
            }

            // ACLs: the collector's own Kafka user may not read the objects topic (storage's input).
            Path client = Files.createDirectories(work.resolve("client"));
            Path clientConfig = client.resolve("collector-client.properties");
            String hostConfig = ServiceImagesTest.run(Duration.ofSeconds(20), "cat",
                    secrets.resolve("hosts").resolve(DEPLOYMENT).resolve("collector.yml").toString()).output();
            Matcher jaas = Pattern.compile("sasl\\.jaas\\.config: (.*)").matcher(hostConfig);
            assertThat(jaas.find()).isTrue();
            Files.writeString(clientConfig, String.join("\n", "security.protocol=SASL_SSL",
                    "sasl.mechanism=SCRAM-SHA-512", "ssl.truststore.type=PEM",
                    "ssl.truststore.location=/etc/cht-backup/kafka-ca.pem", "sasl.jaas.config=" + jaas.group(1),
                    "group.id=collector-" + DEPLOYMENT) + "\n");
            Files.copy(secrets.resolve("kafka-ca.pem"), client.resolve("kafka-ca.pem"));
            ServiceImagesTest.Result denied = ServiceImagesTest.run(Duration.ofSeconds(90), "docker", "run", "--rm",
                    "--user", "0", "--network", project + "_default", "-v", client + ":/etc/cht-backup:ro",
                    "--entrypoint", "java",
                    "cht-backup/kafka:" + TAG, "-cp", "/opt/kafka/libs/*", "org.apache.kafka.tools.consumer.ConsoleConsumer",
                    "--bootstrap-server", "kafka:9093", "--topic", "cht-backup.objects", "--from-beginning",
                    "--consumer.config", "/etc/cht-backup/collector-client.properties", "--max-messages", "1",
                    "--timeout-ms", "20000");
            assertThat(denied.output()).containsIgnoringCase("not authorized to access topics");
        } finally {
            ServiceImagesTest.Result logs = run(env, Duration.ofMinutes(1), concat(central, "logs", "--tail", "30"));
            System.out.println("central compose logs (tail):\n" + logs.output());
            run(env, Duration.ofMinutes(2), concat(collector, "down", "-v"));
            run(env, Duration.ofMinutes(3), concat(central, "down", "-v"));
        }
    }

    private static JsonNode awaitDrills(int verifyPort, String token) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        JsonNode deployment = null;
        while (Instant.now().isBefore(deadline)) {
            Reply fleet = get("http://127.0.0.1:" + verifyPort + "/fleet.json", token);
            if (fleet.statusCode() == 200) {
                for (JsonNode d : JSON.readTree(fleet.body())) {
                    if (DEPLOYMENT.equals(d.path("deploymentId").asString())) {
                        deployment = d;
                    }
                }
                if (deployment != null && !deployment.path("locations").toString().contains("never drilled")
                        && deployment.path("locations").size() == 3) {
                    return deployment;
                }
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("no drill of " + DEPLOYMENT + " from every location within 4 minutes: " + deployment);
    }

    private static int awaitPrometheusTargetsUp(int port) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        int up = 0;
        while (Instant.now().isBefore(deadline)) {
            String targets = get("http://127.0.0.1:" + port + "/api/v1/targets", null).body();
            Matcher health = Pattern.compile("\"health\":\"up\"").matcher(targets);
            up = 0;
            while (health.find()) {
                up++;
            }
            if (up == 3) {
                break;
            }
            Thread.sleep(2000);
        }
        return up;
    }

    private static void awaitHealthy(String project, int containers) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        String states = "";
        while (Instant.now().isBefore(deadline)) {
            states = ServiceImagesTest.run(Duration.ofSeconds(20), "docker", "ps", "-a", "--filter",
                    "label=com.docker.compose.project=" + project, "--format", "{{.Names}} {{.Status}}").output();
            long healthy = states.lines().filter(l -> l.contains("(healthy)")).count();
            if (healthy == containers || states.contains("Exited")) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(states.lines().filter(l -> l.contains("(healthy)")).count()).as(states).isEqualTo(containers);
    }

    /** An HTTP answer, or status -1 with an empty body while nothing listens yet. */
    record Reply(int statusCode, String body) {
    }

    private static Reply get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            return new Reply(-1, "");
        }
    }

    private static void assertOk(ServiceImagesTest.Result result) {
        assertThat(result.code()).as(result.output()).isZero();
    }

    private static List<String> concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }

    private static ServiceImagesTest.Result run(Map<String, String> env, Duration limit, List<String> command)
            throws Exception {
        return ServiceImagesTest.run(env, limit, command.toArray(String[]::new));
    }

    private static ServiceImagesTest.Result run(Map<String, String> env, Duration limit, String... command)
            throws Exception {
        return ServiceImagesTest.run(env, limit, command);
    }
}
