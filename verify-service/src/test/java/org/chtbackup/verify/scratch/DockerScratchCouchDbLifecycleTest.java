package org.chtbackup.verify.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.chtbackup.verify.ScratchLaunchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker launcher's lifecycle against the real engine with the local busybox image standing in for CouchDB
 * (no CouchDB image exists here and none is pulled): busybox httpd serves the mounted data directory on 5984,
 * so {@code GET /_up} answers only if the mount, the port publication and the command all worked.
 */
class DockerScratchCouchDbLifecycleTest {

    static final String IMAGE = "cht-backup-test/busybox:latest";
    /** Records what CouchDB would be given (environment, vm.args) into the data dir, then serves it. */
    static final List<String> RECORD_AND_SERVE = List.of("sh", "-c",
            "env > /opt/couchdb/data/seen-env; cp /opt/couchdb/etc/vm.args /opt/couchdb/data/seen-vm.args;"
                    + " echo '{\"status\":\"ok\"}' > /opt/couchdb/data/_up; exec httpd -f -p 5984 -h /opt/couchdb/data");

    static DockerClient docker;
    @TempDir
    Path data;

    @BeforeAll
    static void engine() {
        docker = ScratchLaunchers.docker("unix:///var/run/docker.sock");
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (RuntimeException e) {
            org.chtbackup.contracts.testing.Requirements.require(false, "Docker engine or the local image " + IMAGE + " is absent (" + e.getMessage()
                    + "); CI builds it in .ci/run");
        }
    }

    @Test
    void startsWithMountNodeNameCredentialsAndLoopbackPortThenRemovesTheContainer() throws Exception {
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, RECORD_AND_SERVE, Duration.ofSeconds(30));
        String id;
        try (ScratchCouchDb.Running couch = launcher.start(data, "3.4.3", "couchdb@127.0.0.1")) {
            id = DockerScratchCouchDb.containerId(couch);
            assertThat(couch.http().base().getHost()).isEqualTo("127.0.0.1");
            assertThat(couch.http().waitUntilUp(Duration.ofSeconds(5))).isTrue();
            assertThat(Files.readString(data.resolve("seen-vm.args"))).contains("-name couchdb@127.0.0.1");
            assertThat(Files.readAllLines(data.resolve("seen-env"))).contains("COUCHDB_USER=drill-admin",
                    "NODENAME=127.0.0.1").anySatisfy(l -> assertThat(l).matches("COUCHDB_PASSWORD=[0-9a-f]{32}"));
            assertThat(docker.inspectContainerCmd(id).exec().getConfig().getLabels())
                    .containsEntry(DockerScratchCouchDb.LABEL, "drill");
        }
        assertThatThrownBy(() -> docker.inspectContainerCmd(id).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void containerThatExitsIsAFailureAndIsRemoved() {
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, List.of("sh", "-c", "exit 3"),
                Duration.ofSeconds(30));
        int before = ours();
        assertThatThrownBy(() -> launcher.start(data, "3.4.3", "couchdb@127.0.0.1"))
                .isInstanceOf(ScratchBootFailed.class).hasMessageContaining("exited with code 3");
        assertThat(ours()).isEqualTo(before);
    }

    @Test
    void absentImageIsASkipNamingTheImage() {
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, "cht-backup-test/no-couchdb:{version}",
                List.of(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> launcher.start(data, "3.4.3", "couchdb@127.0.0.1"))
                .isInstanceOf(ScratchBootSkipped.class)
                .hasMessageStartingWith("scratch boot skipped: image 'cht-backup-test/no-couchdb:3.4.3'");
    }

    @Test
    void unknownCouchDbVersionIsASkip() {
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, "couchdb:{version}", List.of(),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> launcher.start(data, null, "couchdb@127.0.0.1"))
                .isInstanceOf(ScratchBootSkipped.class).hasMessageContaining("does not record the CouchDB version");
    }

    private static int ours() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of(DockerScratchCouchDb.LABEL, "drill")).exec().size();
    }
}
