package org.chtbackup.location.testing;

import java.net.URI;

import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.utility.DockerImageName;

/** MinIO in a Testcontainers container, used only when the image is already present (nothing is pulled). */
final class MinioTestServer implements TestS3Server {

    static final String IMAGE = "minio/minio:latest";

    private final MinIOContainer container;

    private MinioTestServer(MinIOContainer container) {
        this.container = container;
    }


    static MinioTestServer start() {
        MinIOContainer container = new MinIOContainer(DockerImageName.parse(IMAGE))
                .withUserName(ACCESS_KEY).withPassword(SECRET_KEY);
        container.start();
        return new MinioTestServer(container);
    }

    @Override
    public URI endpoint() {
        return URI.create(container.getS3URL());
    }

    @Override
    public String kind() {
        return "minio";
    }

    @Override
    public void close() {
        container.stop();
    }
}
