package org.chtbackup.collector.livestats;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.chtbackup.collector.discovery.CouchDbEndpoint;
import org.chtbackup.contracts.manifest.LiveStatistics;
import org.chtbackup.contracts.manifest.LiveStatistics.DatabaseStatistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads live statistics over CouchDB's HTTP API: {@code GET /}, {@code GET /_membership}, {@code GET /_all_dbs}
 * and {@code GET /{db}} for each database. Fields a server does not report are recorded as unknown rather than
 * failing: {@code doc_del_count} as -1, and a numeric {@code update_seq} (PouchDB, CouchDB 1.x) as its decimal
 * text. Credentials go in a header, never in a URL or message.
 */
public final class CouchDbStatistics {

    /** doc_del_count when the server does not report it. */
    public static final long UNKNOWN = -1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    public CouchDbStatistics(Clock clock, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Reads every database's figures; throws {@link LiveStatisticsException} naming what did not answer. */
    public LiveRead read(CouchDbEndpoint couchdb) {
        JsonNode welcome = get(couchdb, "/");
        JsonNode membership = getOptional(couchdb, "/_membership");
        String nodeName = null;
        if (membership != null && membership.path("all_nodes").isArray() && !membership.path("all_nodes").isEmpty()) {
            nodeName = membership.path("all_nodes").get(0).asString();
        }
        Instant readAt = clock.instant();
        Map<String, DatabaseStatistics> databases = new LinkedHashMap<>();
        for (JsonNode name : get(couchdb, "/_all_dbs")) {
            String db = name.asString();
            JsonNode info = get(couchdb, "/" + URLEncoder.encode(db, StandardCharsets.UTF_8));
            databases.put(db, new DatabaseStatistics(info.path("doc_count").asLong(0),
                    info.has("doc_del_count") ? info.path("doc_del_count").asLong() : UNKNOWN,
                    updateSeq(info.path("update_seq"))));
        }
        String version = welcome.path("version").isMissingNode() ? null : welcome.path("version").asString();
        return new LiveRead(version, nodeName, new LiveStatistics(readAt, databases));
    }

    private static String updateSeq(JsonNode seq) {
        if (seq.isMissingNode() || seq.isNull()) {
            return null;
        }
        return seq.isNumber() ? seq.asString() : seq.isString() ? seq.asString() : seq.toString();
    }

    private JsonNode getOptional(CouchDbEndpoint couchdb, String path) {
        HttpResponse<byte[]> response = send(couchdb, path);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private JsonNode get(CouchDbEndpoint couchdb, String path) {
        HttpResponse<byte[]> response = send(couchdb, path);
        if (response.statusCode() != 200) {
            throw new LiveStatisticsException("CouchDB at " + couchdb.url() + " answered " + response.statusCode()
                    + " to GET " + path + (response.statusCode() == 401
                    ? ": check COUCHDB_USER/COUCHDB_PASSWORD in the .env" : ""));
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> send(CouchDbEndpoint couchdb, String path) {
        String base = couchdb.url().toString().replaceFirst("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (couchdb.user() != null && couchdb.password() != null) {
            String basic = couchdb.user() + ":" + couchdb.password();
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new LiveStatisticsException("CouchDB at " + couchdb.url() + " did not answer GET " + path + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveStatisticsException("interrupted while reading CouchDB statistics", e);
        }
    }
}
