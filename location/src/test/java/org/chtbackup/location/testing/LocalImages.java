package org.chtbackup.location.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

/**
 * Whether the local Docker engine already has an image, asked directly over the engine's socket. Testcontainers'
 * own probe starts helper containers (and pulls their images) first, which hangs where nothing can be pulled.
 */
public final class LocalImages {

    public static boolean present(String image) {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        if (host.startsWith("unix://") && !Files.exists(Path.of(host.substring("unix://".length())))) {
            return false;
        }
        try (DockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(host))
                .connectionTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(5)).build();
             DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
                     .method(DockerHttpClient.Request.Method.GET).path("/images/" + image + "/json").build())) {
            return response.getStatusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private LocalImages() {
    }
}
