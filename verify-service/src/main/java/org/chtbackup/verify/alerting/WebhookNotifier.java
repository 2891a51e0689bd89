package org.chtbackup.verify.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.chtbackup.contracts.events.DrillCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a {@link DrillAlert} to every configured webhook when a drill FAILs or is INCOMPLETE, and when a location
 * that did not pass passes again. Sends run on a thread of their own, never on the drill's, each retried with
 * exponential backoff on a connection error, a 429 or a 5xx; other answers are the receiver refusing the message
 * and are not retried. A webhook URL is a secret (Slack's and Teams' carry their token): logs name its host only.
 */
public final class WebhookNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<URI> webhooks;
    private final Retry retry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webhook-alerts");
        t.setDaemon(true);
        return t;
    });
    /** Whether the last drill of deployment and location passed, so that a recovery is told once. */
    private final Map<String, Boolean> passing = new ConcurrentHashMap<>();

    public WebhookNotifier(List<URI> webhooks, int attempts, Duration firstBackoff) {
        this.webhooks = List.copyOf(webhooks);
        this.retry = Retry.of("webhook", RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2.0))
                .retryExceptions(IOException.class, RetryableAnswer.class)
                .build());
    }

    /** Called with every completed drill; returns at once. */
    public void onDrill(DrillCompleted drill) {
        if (webhooks.isEmpty()) {
            return;
        }
        boolean passed = drill.result() == DrillCompleted.Result.PASS;
        Boolean before = passing.put(drill.deploymentId() + "\u0000" + drill.location(), passed);
        if (!passed || Boolean.FALSE.equals(before)) {
            byte[] body = JSON.writeValueAsBytes(DrillAlert.of(drill, passed));
            for (URI webhook : webhooks) {
                sender.execute(() -> send(webhook, body, drill.drillId()));
            }
        }
    }

    private void send(URI webhook, byte[] body, String drillId) {
        try {
            retry.executeCheckedSupplier(() -> post(webhook, body));
        } catch (Throwable e) {
            log.warn("alert for drill {} not delivered to webhook at {} after {} attempt(s): {}", drillId,
                    webhook.getHost(), retry.getRetryConfig().getMaxAttempts(), e.getMessage());
        }
    }

    private Integer post(URI webhook, byte[] body) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new RetryableAnswer("answered " + status);
        }
        if (status >= 300) {
            throw new IllegalStateException("answered " + status + ": the receiver refused the message");
        }
        return status;
    }

    @Override
    public void close() {
        sender.shutdown();
    }

    /** A 429 or 5xx: the receiver may take the message later. */
    static final class RetryableAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        RetryableAnswer(String message) {
            super(message);
        }
    }
}
