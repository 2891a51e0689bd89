package org.chtbackup.apisecurity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A real web server with the auto-configuration, as each service has it. */
class OperationsNeedTheTokenTest {

    static final AtomicInteger OPERATIONS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private ConfigurableApplicationContext app;

    @SpringBootApplication
    @RestController
    static class Service {

        @PostMapping("/operate")
        String operate() {
            return "done " + OPERATIONS.incrementAndGet();
        }

        @GetMapping("/page")
        String page() {
            return "page";
        }

        @GetMapping("/missing")
        org.springframework.http.ResponseEntity<String> missing() {
            return org.springframework.http.ResponseEntity.notFound().build();
        }
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anOperationWithoutTheTokenGets401AndDoesNothing() throws Exception {
        start("--cht-backup.api.token=s3cret-token");
        int before = OPERATIONS.get();

        assertThat(post(null).statusCode()).isEqualTo(401);
        assertThat(post(null).headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(post("Bearer wrong-token").statusCode()).isEqualTo(401);
        assertThat(post("Bearer s3cret-tokenX").statusCode()).isEqualTo(401);
        assertThat(post("Basic czNjcmV0LXRva2Vu").statusCode()).isEqualTo(401);
        assertThat(OPERATIONS.get()).as("no refused call reached the operation").isEqualTo(before);

        HttpResponse<String> ok = post("Bearer s3cret-token");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(OPERATIONS.get()).isEqualTo(before + 1);
        assertThat(get("/page", null).statusCode()).as("pages are not public by default").isEqualTo(401);
        assertThat(get("/page", "Bearer s3cret-token").statusCode()).isEqualTo(200);
        assertThat(get("/missing", "Bearer s3cret-token").statusCode()).as("a 404 stays a 404").isEqualTo(404);
        assertThat(get("/actuator/health", null).statusCode()).as("health is always open").isEqualTo(200);
        assertThat(ok.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
    }

    @Test
    void publicReadOpensPagesButNotOperations() throws Exception {
        start("--cht-backup.api.token=s3cret-token", "--cht-backup.api.public-read=true");

        assertThat(get("/page", null).statusCode()).isEqualTo(200);
        assertThat(post(null).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutAConfiguredTokenNothingIsOperable() throws Exception {
        start();
        int before = OPERATIONS.get();

        assertThat(post("Bearer ").statusCode()).isEqualTo(401);
        assertThat(post("Bearer null").statusCode()).isEqualTo(401);
        assertThat(OPERATIONS.get()).isEqualTo(before);
    }

    private void start(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--server.address=127.0.0.1";
        System.arraycopy(args, 0, all, 2, args.length);
        app = SpringApplication.run(Service.class, all);
    }

    private HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/operate")).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
    }
}
