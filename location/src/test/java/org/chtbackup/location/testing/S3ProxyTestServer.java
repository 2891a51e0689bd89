package org.chtbackup.location.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** s3proxy in-process with its filesystem-nio2 provider: the real S3 protocol over HTTP on loopback. */
public final class S3ProxyTestServer implements TestS3Server {

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyTestServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    public static S3ProxyTestServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            URI endpoint = URI.create("http://127.0.0.1:" + freePort());
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
                    .endpoint(endpoint)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    // Stop at once when a test class is done, without Jetty's graceful wait for requests still
                    // open: it takes about 2 s after the drill tests (before and after 12110f7), and once in CI it
                    // ran into its 30 s limit, which fails the stop and so the test class.
                    .stopTimeout(0)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            return new S3ProxyTestServer(proxy, endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on " + dataDir, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String kind() {
        return "s3proxy";
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
