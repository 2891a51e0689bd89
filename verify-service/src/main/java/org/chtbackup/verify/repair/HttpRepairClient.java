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
 * Storage's repair endpoint: {@code POST <url>/storage/repair/{deployment}/{snapshotId}} (docs/storage.md); the
 * JSON body {@code {deploymentId, snapshotId, location, source, reasons}} tells storage which copy failed and
 * which drilled clean. Any 2xx is accepted. Storage decides the good copy itself by majority of content.
 */
public final class HttpRepairClient implements RepairClient {

    private static final Logger log = LoggerFactory.getLogger(HttpRepairClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param token storage's {@code cht-backup.api.token} (the services share one), or null */
    public HttpRepairClient(URI baseUrl, String token) {
        this.token = token;
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url : url + "/";
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
        URI endpoint = URI.create(base + "storage/repair/" + enc(deploymentId) + "/" + enc(snapshotId));
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
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

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
