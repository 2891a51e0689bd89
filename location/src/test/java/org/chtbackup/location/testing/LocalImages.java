package org.chtbackup.location.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the local Docker engine already has an image, asked directly over the engine's socket with one HTTP
 * request. Testcontainers' own probe starts helper containers (pulling their images) first, which hangs where
 * nothing can be pulled; and this needs nothing on the test classpath.
 */
public final class LocalImages {

    public static boolean present(String image) {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        if (!host.startsWith("unix://")) {
            return false;
        }
        Path socket = Path.of(host.substring("unix://".length()));
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(("GET /images/" + image + "/json HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer status = ByteBuffer.allocate(12);
            while (status.hasRemaining() && channel.read(status) >= 0) {
                // "HTTP/1.0 200" is all we need
            }
            return new String(status.array(), StandardCharsets.US_ASCII).endsWith(" 200");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private LocalImages() {
    }
}
