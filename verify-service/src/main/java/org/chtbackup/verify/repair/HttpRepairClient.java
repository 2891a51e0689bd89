package org.chtbackup.verify.repair;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST <url>/repairs} with JSON {@code {deploymentId, snapshotId, location, source, reasons}}; any 2xx
 * is accepted (storage repairs asynchronously). See docs/verify.md for the contract.
 */
public final class HttpRepairClient implements RepairClient {

    private static final Logger log = LoggerFactory.getLogger(HttpRepairClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HttpRepairClient(URI baseUrl) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "repairs");
    }

    @Override
    public boolean requestRepair(String deploymentId, String snapshotId, String brokenLocation, String sourceLocation,
                                 List<String> reasons) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deploymentId", deploymentId);
        body.put("snapshotId", snapshotId);
        body.put("location", brokenLocation);
        body.put("source", sourceLocation);
        body.put("reasons", reasons);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                log.info("asked storage to repair {}/{} in '{}' from '{}'", deploymentId, snapshotId, brokenLocation,
                        sourceLocation);
                return true;
            }
            log.warn("storage refused repair of {}/{} in '{}': POST {} answered {}", deploymentId, snapshotId,
                    brokenLocation, endpoint, response.statusCode());
        } catch (IOException e) {
            log.warn("storage not reachable for repair of {}/{} in '{}' (POST {}: {}); check verify.repair.url",
                    deploymentId, snapshotId, brokenLocation, endpoint, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
