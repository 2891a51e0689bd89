package org.chtbackup.location.testing;

import java.net.URI;
import java.nio.file.Path;

import org.chtbackup.location.LocationSpec;

/**
 * A real S3 API server for tests: MinIO in a container where Docker has the image, s3proxy in-process
 * (filesystem provider) everywhere else. Never a mock, never a skipped suite.
 */
public interface TestS3Server extends AutoCloseable {

    String ACCESS_KEY = "cht-backup-test";
    String SECRET_KEY = "cht-backup-test-secret";

    URI endpoint();

    /** Which real server this is, for test names and messages: {@code minio} or {@code s3proxy}. */
    String kind();

    default LocationSpec location(String name, String bucket, boolean offsite) {
        return location(name, bucket, offsite, endpoint());
    }

    /** The same location reached through {@code via} (a relay in front of this server). */
    default LocationSpec location(String name, String bucket, boolean offsite, URI via) {
        return new LocationSpec(name, LocationSpec.Kind.S3, via, bucket, ACCESS_KEY, SECRET_KEY, null, null,
                "object-store", offsite);
    }

    @Override
    void close();

    /** MinIO when Docker can run {@value MinioTestServer#IMAGE} without pulling, else s3proxy on a free port. */
    static TestS3Server start(Path dataDir) {
        if (LocalImages.present(MinioTestServer.IMAGE)) {
            try {
                return MinioTestServer.start();
            } catch (LinkageError e) {
                // Testcontainers is not on this module's test classpath: the real s3proxy serves instead.
            }
        }
        return S3ProxyTestServer.start(dataDir);
    }
}
