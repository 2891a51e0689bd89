package org.chtbackup.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.chtbackup.location.LocationSpec;
import org.chtbackup.location.testing.TestS3Server;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real s3proxy server (filesystem provider) that a test can stop and start again on the same port and data
 * directory, like a location going down and coming back. In flaky mode every other object request fails with a
 * server error; every other PUT stores the object first and then fails, the nastiest case for a client.
 */
final class S3Server implements AutoCloseable {

    private final Path dataDir;
    private final URI endpoint;
    private final boolean flaky;
    private final AtomicInteger calls = new AtomicInteger();
    final Map<String, AtomicInteger> stores = new ConcurrentHashMap<>();
    final AtomicInteger faults = new AtomicInteger();
    private S3Proxy proxy;

    S3Server(Path dataDir, boolean flaky) {
        this.dataDir = dataDir;
        this.flaky = flaky;
        this.endpoint = URI.create("http://127.0.0.1:" + freePort());
        start();
    }

    LocationSpec location(String name, String bucket, boolean offsite) {
        return new LocationSpec(name, LocationSpec.Kind.S3, endpoint, bucket, TestS3Server.ACCESS_KEY,
                TestS3Server.SECRET_KEY, null, null, "object-store", offsite);
    }

    synchronized void start() {
        try {
            Files.createDirectories(dataDir);
            BlobStore store = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
            proxy = S3Proxy.builder()
                    .blobStore(flaky ? new Flaky(store) : new Counting(store))
                    .endpoint(endpoint)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, TestS3Server.ACCESS_KEY, TestS3Server.SECRET_KEY)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on " + endpoint, e);
        }
    }

    synchronized void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts how often each key was really stored. */
    private class Counting extends ForwardingBlobStore {

        Counting(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
            PutObjectResponse response = super.putBlob(request, content);
            stores.computeIfAbsent(request.key(), k -> new AtomicInteger()).incrementAndGet();
            return response;
        }
    }

    private final class Flaky extends Counting {

        Flaky(BlobStore delegate) {
            super(delegate);
        }

        private boolean failNow() {
            boolean fail = calls.incrementAndGet() % 2 == 0;
            if (fail) {
                faults.incrementAndGet();
            }
            return fail;
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
            PutObjectResponse response = super.putBlob(request, content);
            if (failNow()) {
                throw new IllegalStateException("injected fault after storing " + request.key());
            }
            return response;
        }

        @Override
        public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
            if (failNow()) {
                throw new IllegalStateException("injected fault on HEAD " + request.key());
            }
            return super.blobMetadata(request);
        }
    }
}
