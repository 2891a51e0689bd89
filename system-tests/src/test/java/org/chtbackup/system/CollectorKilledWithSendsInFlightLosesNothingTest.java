package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.events.Topics;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.verify.drill.DrillRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * At least once, with sends in flight: the collector, as its own process (the jar `mvn package` builds), is killed
 * with SIGKILL while packs of a snapshot are still on their way to Kafka. No location ever gets a manifest for that
 * snapshot, since the manifest is sent only after every pack is acknowledged. Started again on the same state
 * folder, the collector takes the next snapshot, which is stored everywhere and restores byte for byte: nothing the
 * killed snapshot left half-sent (packs without a manifest) is counted as stored.
 */
class CollectorKilledWithSendsInFlightLosesNothingTest {

    private static final String DEPLOYMENT = "clinic-killed";
    private static final String EXTRA = "home/ubuntu/cht/couchdb/shards/00000000-15555554/medic-extra.1.couch";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void aCollectorKilledMidSnapshotSendsNoManifestAndItsNextSnapshotRestoresFromEveryLocation() throws Exception {
        Path jar = FaultStack.jar("collector");
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        byte[] extra = new byte[48 << 20]; // enough packs to still be sending when the kill comes
        new Random(17).nextBytes(extra);
        Files.write(host.resolve(EXTRA), extra);
        Pipeline pipeline = Pipeline.shared();
        int port = ChildProcess.freePort();
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.cloud.stream.kafka.binder.brokers=" + pipeline.kafka.bootstrapServers(),
                "--collector.packing.target-bytes=262144"));
        pipeline.collectorSettings(DEPLOYMENT, host, tmp.resolve("state")).forEach(s -> command.add("--" + s));
        command.add("--cht-backup.api.token=" + Pipeline.API_TOKEN);

        Process first = start(command, tmp.resolve("collector-1.log"), port);
        String killed;
        try {
            killed = startSnapshot(port);
            JsonNode last = awaitSending(port, killed);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no producer flush
            first.waitFor();
            assertThat(last.get("result").isNull()).as("the snapshot was still running when killed").isTrue();
        } finally {
            first.destroyForcibly();
        }
        // Whatever reached Kafka is stored by now; none of it may be a manifest.
        Thread.sleep(5000);
        for (String location : pipeline.locations.keySet()) {
            assertThat(pipeline.location(location).list(DEPLOYMENT + "/snapshots/"))
                    .as("manifests of the killed snapshot in %s", location).noneMatch(k -> k.contains(killed));
        }

        Process second = start(command, tmp.resolve("collector-2.log"), port);
        try {
            String next = startSnapshot(port);
            JsonNode done = awaitResult(port, next);
            assertThat(done.get("result").get("failure").isNull()).as("second snapshot: %s", done).isTrue();
            List<DrillCompleted> drills = Topic.await(pipeline.kafka.bootstrapServers(), Topics.DRILLS, 3,
                    r -> SampleSnapshot.drill(r).snapshotId().equals(next), Duration.ofMinutes(3)).stream()
                    .map(SampleSnapshot::drill).toList();
            assertThat(drills).extracting(DrillCompleted::location)
                    .containsExactlyInAnyOrder("primary", "offsite", "nas");
            DrillRunner runner = pipeline.verify.getBean(DrillRunner.class);
            for (DrillCompleted drill : drills) {
                assertThat(drill.failures()).as("drill of %s", drill.location()).isEmpty();
                Trees.assertSameTree(host.resolve("home/ubuntu/cht/couchdb"),
                        runner.restoredPath(drill).resolve("couchdb-data"));
            }
        } finally {
            second.destroyForcibly();
            second.waitFor();
        }
    }

    private static Process start(List<String> command, Path log, int port) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("collector process (log %s)", log).isTrue();
            try {
                if (HTTP.send(get(port, "/actuator/health"), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("the collector did not answer within 90 s; see " + log);
    }

    private static String startSnapshot(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(port, "/snapshots"))
                .header("Authorization", "Bearer " + Pipeline.API_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return SampleSnapshot.JSON.readTree(response.body()).get("snapshotId").asString();
    }

    /** Polls until several packs have been handed to Kafka and the snapshot is still running. */
    private static JsonNode awaitSending(int port, String snapshotId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = status(port, snapshotId);
            assertThat(status.get("result").isNull()).as("finished before it could be killed: %s", status).isTrue();
            if (status.get("progress").get("bytesSent").asLong() > 4 << 20) {
                return status;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the snapshot sent nothing within 60 s");
    }

    private static JsonNode awaitResult(int port, String snapshotId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonNode status = status(port, snapshotId);
        while (status.get("result").isNull() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = status(port, snapshotId);
        }
        assertThat(status.get("result").isNull()).as("snapshot %s finished", snapshotId).isFalse();
        return status;
    }

    private static JsonNode status(int port, String snapshotId) throws Exception {
        HttpResponse<String> response = HTTP.send(get(port, "/snapshots/" + snapshotId),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SampleSnapshot.JSON.readTree(response.body());
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(uri(port, path)).header("Authorization", "Bearer " + Pipeline.API_TOKEN).GET()
                .build();
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
