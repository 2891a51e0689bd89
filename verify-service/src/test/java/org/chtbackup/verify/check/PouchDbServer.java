package org.chtbackup.verify.check;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;


/**
 * pouchdb-server (a real CouchDB-API server; it cannot open .couch files) on a free loopback port, in memory,
 * for tests of the HTTP comparison. Found through POUCHDB_SERVER_BIN, else the path this machine installs it at.
 */
final class PouchDbServer implements AutoCloseable {

    static final Path FALLBACK = Path.of("/tmp/pdb/node_modules/.bin/pouchdb-server");

    private final Process process;
    final URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    static Path binary() {
        String env = System.getenv("POUCHDB_SERVER_BIN");
        Path bin = env != null && !env.isBlank() ? Path.of(env) : FALLBACK;
        return Files.isExecutable(bin) ? bin : null;
    }

    PouchDbServer(Path workDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(workDir);
        process = new ProcessBuilder(binary().toString(), "--port", String.valueOf(port), "--host", "127.0.0.1",
                "--in-memory", "--no-stdout-logs", "--dir", workDir.toString(), "--config",
                workDir.resolve("config.json").toString())
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("pouchdb-server.out").toFile()).start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        // pouchdb-server has no /_up; its root answers once it listens.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (client.send(HttpRequest.newBuilder(base).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                close();
                throw new IllegalStateException("pouchdb-server did not answer on " + base + "; see " + workDir);
            }
            Thread.sleep(200);
        }
    }

    int put(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    String putJson(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("PUT " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    int delete(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
