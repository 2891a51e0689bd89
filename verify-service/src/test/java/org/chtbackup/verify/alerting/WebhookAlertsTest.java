package org.chtbackup.verify.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.chtbackup.contracts.events.DrillCompleted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Webhook messages against a real HTTP server that fails before it accepts, as receivers do. */
class WebhookAlertsTest {

    private HttpServer server;
    private final BlockingQueue<String> accepted = new LinkedBlockingQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failFirst = new AtomicInteger();
    private URI webhook;

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/services/T000/B000/secret-token", exchange -> {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failFirst.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                accepted.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        webhook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/secret-token");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFailedDrillIsDeliveredAfterTheReceiverFailedTwiceWithSlackAndTeamsText() throws Exception {
        failFirst.set(2);
        try (WebhookNotifier notifier = new WebhookNotifier(List.of(webhook), 5, Duration.ofMillis(20))) {
            notifier.onDrill(drill("offsite", DrillCompleted.Result.FAIL, List.of("database medic: restored doc_count 7"
                    + " differs from the live statistics")));

            String message = accepted.poll(10, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(requests.get()).isEqualTo(3);
            JsonNode json = JsonMapper.builder().build().readTree(message);
            assertThat(json.path("text").asString()).isEqualTo("cht-backup: restore drill of clinic-7 from offsite FAIL"
                    + " — 1 failure(s), first: database medic: restored doc_count 7 differs from the live statistics");
            assertThat(json.path("deployment").asString()).isEqualTo("clinic-7");
            assertThat(json.path("location").asString()).isEqualTo("offsite");
            assertThat(json.path("result").asString()).isEqualTo("FAIL");
            assertThat(json.path("failures")).hasSize(1);
        }
    }

    @Test
    void aPassIsToldOnlyAsARecoveryAndAnIncompleteDrillIsTold() throws Exception {
        try (WebhookNotifier notifier = new WebhookNotifier(List.of(webhook), 3, Duration.ofMillis(20))) {
            notifier.onDrill(drill("nas", DrillCompleted.Result.PASS, List.of()));
            notifier.onDrill(drill("nas", DrillCompleted.Result.INCOMPLETE, List.of()));
            notifier.onDrill(drill("nas", DrillCompleted.Result.PASS, List.of()));
            notifier.onDrill(drill("nas", DrillCompleted.Result.PASS, List.of()));

            assertThat(accepted.poll(10, TimeUnit.SECONDS)).contains("\"result\":\"INCOMPLETE\"")
                    .contains("a check could not run: scratch boot skipped");
            assertThat(accepted.poll(10, TimeUnit.SECONDS)).contains("from nas PASSES again");
            assertThat(accepted.poll(500, TimeUnit.MILLISECONDS)).as("a pass after a pass is not news").isNull();
            assertThat(requests.get()).isEqualTo(2);
        }
    }

    @Test
    void aReceiverThatAlwaysFailsCostsBoundedAttemptsAndTheOtherWebhookStillGetsIt() throws Exception {
        HttpServer broken = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger brokenRequests = new AtomicInteger();
        broken.createContext("/", exchange -> {
            brokenRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        broken.start();
        URI unreachable;
        try (ServerSocket free = new ServerSocket(0)) {
            unreachable = URI.create("http://127.0.0.1:" + free.getLocalPort() + "/hooks/secret");
        }
        URI failing = URI.create("http://127.0.0.1:" + broken.getAddress().getPort() + "/hooks/secret");
        try (WebhookNotifier notifier = new WebhookNotifier(List.of(unreachable, failing, webhook), 3,
                Duration.ofMillis(20))) {
            notifier.onDrill(drill("primary", DrillCompleted.Result.FAIL, List.of("x")));

            assertThat(accepted.poll(10, TimeUnit.SECONDS)).contains("\"location\":\"primary\"");
            assertThat(brokenRequests.get()).as("three attempts, then given up").isEqualTo(3);
            assertThat(requests.get()).isEqualTo(1);
        } finally {
            broken.stop(0);
        }
    }

    private static DrillCompleted drill(String location, DrillCompleted.Result result, List<String> failures) {
        Instant at = Instant.parse("2026-03-02T03:00:00Z");
        return new DrillCompleted(DrillCompleted.VERSION, "d-" + location + "-" + result, "clinic-7", "snap-1",
                location, result, failures, 10, 100, 1_000, at.minusSeconds(1), at,
                result == DrillCompleted.Result.INCOMPLETE ? List.of("scratch boot skipped: no launcher configured")
                        : List.of(), Map.of(), "3.4.3", DrillCompleted.Result.PASS, List.of(), 900L, null, null);
    }
}
