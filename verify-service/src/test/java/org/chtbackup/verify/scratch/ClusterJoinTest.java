package org.chtbackup.verify.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The join wait over HTTP: a live node that drops polls is asked again; only the deadline ends the wait. */
class ClusterJoinTest {

    static final List<String> NAMES = List.of("couchdb@a.local");
    static final String JOINED = "{\"all_nodes\":[\"couchdb@a.local\"],\"cluster_nodes\":[\"couchdb@a.local\"]}";

    HttpServer server;
    final AtomicInteger polls = new AtomicInteger();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aNodeThatFailsItsFirstPollsStillJoins() throws Exception {
        CouchDbHttp node = serve(poll -> poll <= 2 ? 503 : 200);

        ClusterJoin.await(List.of(node), NAMES, Duration.ofSeconds(20), i -> { });

        assertThat(polls.get()).isEqualTo(3);
    }

    @Test
    void aNodeThatNeverAnswersFailsAtTheDeadlineNamingWhy() throws Exception {
        CouchDbHttp node = serve(poll -> 500);

        assertThatThrownBy(() -> ClusterJoin.await(List.of(node), NAMES, Duration.ofSeconds(2), i -> { }))
                .isInstanceOf(ScratchBootFailed.class).hasMessageContaining("did not join within 2 s")
                .hasMessageContaining("GET /_membership on couchdb@a.local failed").hasMessageContaining("answered 500");
        assertThat(polls.get()).as("asked again until the deadline").isGreaterThan(1);
    }

    @Test
    void aDeadNodeFailsAtOnce() throws Exception {
        CouchDbHttp node = serve(poll -> 500);

        assertThatThrownBy(() -> ClusterJoin.await(List.of(node), NAMES, Duration.ofSeconds(30), i -> {
            throw new ScratchBootFailed("node " + i + " exited", null);
        })).isInstanceOf(ScratchBootFailed.class).hasMessage("node 0 exited");
        assertThat(polls.get()).isZero();
    }

    private CouchDbHttp serve(java.util.function.IntUnaryOperator statusOfPoll) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_membership", exchange -> answer(exchange, statusOfPoll.applyAsInt(polls.incrementAndGet()),
                JOINED));
        server.createContext("/_all_dbs", exchange -> answer(exchange, 200, "[]"));
        server.start();
        return new CouchDbHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "admin", "pw");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (status == 200 ? body : "{\"error\":\"unavailable\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
