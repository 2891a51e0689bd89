package org.chtbackup.collector.livestats;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;


/**
 * A real CouchDB-API server for tests: pouchdb-server (in memory) on a free loopback port, with an admin.
 * The binary is {@code POUCHDB_SERVER_BIN}, else {@code /tmp/pdb/node_modules/.bin/pouchdb-server}; without
 * either the test is skipped, saying why.
 */
public final class PouchDbServer implements AutoCloseable {

    public static final String USER = "medic";
    public static final String PASSWORD = "pouch-test-password";

    private final Process process;
    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();

    private PouchDbServer(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    public static PouchDbServer start(Path workDir) throws Exception {
        String bin = System.getenv("POUCHDB_SERVER_BIN");
        Path binary = bin != null && !bin.isBlank() ? Path.of(bin) : Path.of("/tmp/pdb/node_modules/.bin/pouchdb-server");
        org.chtbackup.contracts.testing.Requirements.require(Files.isExecutable(binary),
                "pouchdb-server not found (set POUCHDB_SERVER_BIN or npm install pouchdb-server under /tmp/pdb): "
                        + "no real CouchDB-API server to read live statistics from");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(workDir);
        Process process = new ProcessBuilder(binary.toString(), "-m", "-n", "-o", "127.0.0.1", "-p",
                String.valueOf(port), "-c", workDir.resolve("config.json").toString())
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("pouchdb.log").toFile()).start();
        PouchDbServer server = new PouchDbServer(process, URI.create("http://127.0.0.1:" + port));
        server.awaitUp();
        server.request("PUT", "/_config/admins/" + USER, "\"" + PASSWORD + "\"", false);
        return server;
    }

    public URI url() {
        return url;
    }

    /** Sends a request as the admin; returns the body, failing on a status of 400 or more. */
    public String request(String method, String path, String json) throws Exception {
        return request(method, path, json, true);
    }

    private String request(String method, String path, String json, boolean admin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (admin) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void awaitUp() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pouchdb-server exited with " + process.exitValue());
            }
            try {
                request("GET", "/", null, false);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("pouchdb-server did not answer on " + url + " within 60 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
