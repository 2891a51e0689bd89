package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few CouchDB HTTP calls a drill needs, as an admin of a scratch server. Messages name the database, the
 * document id and the status, never a document body or the password.
 */
public final class CouchDbHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param user null for a server without admins (pouchdb-server in tests, CouchDB in admin party) */
    public CouchDbHttp(URI base, String user, String password) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI base() {
        return base;
    }

    /** Polls {@code GET /_up} until it answers 200 or the timeout passes. */
    public boolean waitUntilUp(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (send("_up").statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    public List<String> allDbs() throws IOException {
        List<String> names = new ArrayList<>();
        json("_all_dbs", "listing databases").forEach(n -> names.add(n.asString()));
        return names;
    }

    public DatabaseCounts counts(String db) throws IOException {
        JsonNode info = json(encode(db), "GET /" + db);
        JsonNode seq = info.path("update_seq");
        return new DatabaseCounts(info.path("doc_count").asLong(-1), info.path("doc_del_count").asLong(-1),
                seq.isMissingNode() || seq.isNull() ? null : seq.isNumber() ? seq.asString() : seq.asString(null));
    }

    /**
     * {@code GET /_membership}: the nodes this node is connected to ({@code all_nodes}, itself included) and the
     * nodes its {@code _nodes} database lists ({@code cluster_nodes}).
     */
    public Membership membership() throws IOException {
        JsonNode m = json("_membership", "GET /_membership");
        List<String> all = new ArrayList<>();
        List<String> cluster = new ArrayList<>();
        m.path("all_nodes").forEach(n -> all.add(n.asString()));
        m.path("cluster_nodes").forEach(n -> cluster.add(n.asString()));
        return new Membership(List.copyOf(all), List.copyOf(cluster));
    }

    /** What {@code GET /_membership} answered. */
    public record Membership(List<String> allNodes, List<String> clusterNodes) {
    }

    /** Up to {@code limit} document ids of {@code db}, in id order (design documents included). */
    public List<String> sampleIds(String db, int limit) throws IOException {
        List<String> ids = new ArrayList<>();
        json(encode(db) + "/_all_docs?limit=" + limit, "GET /" + db + "/_all_docs").path("rows")
                .forEach(row -> ids.add(row.path("id").asString()));
        return ids;
    }

    /**
     * Reads one document and every attachment of it; each attachment's bytes must match the MD5 digest CouchDB
     * lists for it. Returns what was wrong, empty when the document and its attachments read back whole.
     */
    public List<String> readDocument(String db, String id) throws IOException {
        List<String> problems = new ArrayList<>();
        String path = encode(db) + "/" + docPath(id);
        HttpResponse<byte[]> doc = send(path);
        if (doc.statusCode() != 200) {
            problems.add("database " + db + " document " + id + ": GET answered " + doc.statusCode());
            return problems;
        }
        JsonNode node = JSON.readTree(doc.body());
        if (node.path("_rev").asString("").isEmpty()) {
            problems.add("database " + db + " document " + id + ": no _rev in the answer");
        }
        for (Map.Entry<String, JsonNode> att : node.path("_attachments").properties()) {
            HttpResponse<byte[]> data = send(path + "/" + segments(att.getKey()));
            String digest = att.getValue().path("digest").asString("");
            if (data.statusCode() != 200) {
                problems.add("database " + db + " document " + id + " attachment " + att.getKey() + ": GET answered "
                        + data.statusCode());
            } else if (digest.startsWith("md5-") && !digest.equals("md5-" + md5(data.body()))) {
                problems.add("database " + db + " document " + id + " attachment " + att.getKey()
                        + ": content does not match its digest " + digest);
            }
        }
        return problems;
    }

    private JsonNode json(String path, String what) throws IOException {
        HttpResponse<byte[]> response = send(path);
        if (response.statusCode() != 200) {
            throw new IOException(what + " on " + base + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> send(String path) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + base, e);
        }
    }

    private static String docPath(String id) {
        for (String prefix : List.of("_design/", "_local/")) {
            if (id.startsWith(prefix)) {
                return prefix + encode(id.substring(prefix.length()));
            }
        }
        return encode(id);
    }

    private static String segments(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/", -1)) {
            parts.add(encode(part));
        }
        return String.join("/", parts);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String md5(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
