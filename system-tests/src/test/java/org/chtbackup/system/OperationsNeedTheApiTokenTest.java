package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.chtbackup.collector.snapshot.SnapshotRunner;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The services' operational calls (snapshot, prune, repair, drill) refused without the API token (401), with
 * nothing changed: no snapshot started, no object deleted or written, no drill run. With the token the same calls
 * reach the services. Pages and metrics are not public by default; health is.
 */
class OperationsNeedTheApiTokenTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void operationsWithoutTheTokenAre401AndChangeNothing() throws Exception {
        Pipeline pipeline = SampleSnapshot.get().pipeline;
        SnapshotRunner runner = pipeline.collector.getBean(SnapshotRunner.class);
        var lastRun = runner.lastRun();
        Map<String, List<String>> objects = objects(pipeline);
        Map<String, Long> reports = files(pipeline.work.resolve("reports"));
        String deployment = Pipeline.DEPLOYMENT;
        String snapshot = SampleSnapshot.get().result.snapshotId();

        for (String token : new String[] {null, "wrong-" + Pipeline.API_TOKEN}) {
            assertThat(post(pipeline.collector, "/snapshots", token)).as("snapshot").isEqualTo(401);
            assertThat(post(pipeline.collector, "/snapshots?fullRead=true", token)).as("full read").isEqualTo(401);
            assertThat(post(pipeline.storage, "/storage/prune/" + deployment + "?dryRun=false", token))
                    .as("prune").isEqualTo(401);
            assertThat(post(pipeline.storage, "/storage/repair/" + deployment + "/" + snapshot, token))
                    .as("repair").isEqualTo(401);
            assertThat(post(pipeline.verify, "/drills?deployment=" + deployment + "&location=nas", token))
                    .as("drill").isEqualTo(401);
            assertThat(get(pipeline.verify, "/fleet", token)).as("fleet page").isEqualTo(401);
            assertThat(get(pipeline.storage, "/actuator/prometheus", token)).as("metrics").isEqualTo(401);
        }

        assertThat(runner.lastRun()).as("no snapshot started").isEqualTo(lastRun);
        assertThat(objects(pipeline)).as("no object deleted or written").isEqualTo(objects);
        assertThat(files(pipeline.work.resolve("reports"))).as("no drill ran").isEqualTo(reports);
        for (ConfigurableApplicationContext service : List.of(pipeline.collector, pipeline.storage, pipeline.verify)) {
            assertThat(get(service, "/actuator/health", null)).as("health is open").isEqualTo(200);
        }
        assertThat(get(pipeline.collector, "/snapshots/none-such", Pipeline.API_TOKEN))
                .as("with the token the call reaches the service").isEqualTo(404);
        assertThat(post(pipeline.storage, "/storage/prune/" + deployment + "?dryRun=true", Pipeline.API_TOKEN))
                .as("a dry-run prune with the token").isEqualTo(200);
        assertThat(get(pipeline.verify, "/fleet", Pipeline.API_TOKEN)).isEqualTo(200);
    }

    private static Map<String, List<String>> objects(Pipeline pipeline) {
        Map<String, List<String>> all = new TreeMap<>();
        for (String name : pipeline.locations.keySet()) {
            all.put(name, pipeline.location(name).list(Pipeline.DEPLOYMENT + "/").stream().sorted().toList());
        }
        return all;
    }

    private static Map<String, Long> files(Path dir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    sizes.put(dir.relativize(f).toString(), Files.size(f));
                }
            }
        }
        return sizes;
    }

    private static int post(ConfigurableApplicationContext service, String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(service, path)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private static int get(ConfigurableApplicationContext service, String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(service, path)).GET(), token);
    }

    private static int send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static URI uri(ConfigurableApplicationContext service, String path) {
        return URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port") + path);
    }
}
