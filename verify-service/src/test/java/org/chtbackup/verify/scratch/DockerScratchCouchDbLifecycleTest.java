package org.chtbackup.verify.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.verify.ScratchLaunchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker launcher's default path (no command override) against the real engine and
 * {@code cht-backup-test/couchdb-mimic:3.4.3} (built by infra/test-images/couchdb-mimic.sh; no CouchDB image can be
 * pulled here). The mimic keeps the official couchdb image's contract: its entrypoint turns NODENAME,
 * COUCHDB_USER/COUCHDB_PASSWORD and COUCHDB_ERLANG_COOKIE into vm.args, local.d/docker.ini and the cookie file and
 * chowns the data dir to 5984; its vm.args ends with {@code +Bd -noinput}; and its bin/couchdb ends as CouchDB's
 * Erlang VM does: without {@code -noinput} it reads stdin and exits 0 at its end, which in a container (no stdin)
 * is at once. So a launcher that loses {@code -noinput} fails here as it fails with couchdb:3.4.3.
 */
class DockerScratchCouchDbLifecycleTest {

    static final String IMAGE = "cht-backup-test/couchdb-mimic:{version}";
    static final String VERSION = "3.4.3";

    static DockerClient docker;
    @TempDir
    Path data;
    @TempDir
    Path work;

    @BeforeAll
    static void engine() {
        docker = engineWithMimicImage();
    }

    /** The local Docker engine, once it is known to hold the mimic image (else the test skips, or fails in CI). */
    static DockerClient engineWithMimicImage() {
        DockerClient engine = ScratchLaunchers.docker("unix:///var/run/docker.sock");
        String image = IMAGE.replace("{version}", VERSION);
        try {
            engine.inspectImageCmd(image).exec();
        } catch (RuntimeException e) {
            Requirements.require(false, "Docker engine or the local image " + image + " is absent ("
                    + e.getClass().getSimpleName() + "); .ci/run builds it with infra/test-images/couchdb-mimic.sh");
        }
        return engine;
    }

    @Test
    void bootsTheImageAsShippedWithNodeNameAdminAndCookieFromTheEnvironmentThenRemovesTheContainer() throws Exception {
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, List.of(), Duration.ofSeconds(30));
        String id;
        try (ScratchCouchDb.Running couch = launcher.start(data, VERSION, "couchdb@127.0.0.1")) {
            id = DockerScratchCouchDb.containerId(couch);
            assertThat(couch.http().base().getHost()).isEqualTo("127.0.0.1");
            assertThat(couch.http().allDbs()).as("the admin the entrypoint wrote is the one verify calls as").isEmpty();
            assertThat(Files.readAllLines(data.resolve("mimic-seen")))
                    .containsExactly("node=couchdb@127.0.0.1", "admin=drill-admin", "cookie=present", "noinput=present");
            InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
            assertThat(inspect.getConfig().getLabels()).containsEntry(DockerScratchCouchDb.LABEL, "drill");
            assertThat(inspect.getConfig().getEnv()).contains("NODENAME=127.0.0.1", "COUCHDB_USER=drill-admin");
            assertThat(inspect.getMounts()).as("only the data dir: the image keeps its own vm.args")
                    .extracting(m -> m.getDestination().getPath()).containsExactly(DockerScratchCouchDb.DATA);
        }
        assertThatThrownBy(() -> docker.inspectContainerCmd(id).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void nodeNameNodenameCannotSayIsAppendedToTheImagesOwnVmArgs() throws Exception {
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, List.of(), Duration.ofSeconds(30));
        try (ScratchCouchDb.Running couch = launcher.start(data, VERSION, "medic@couchdb-2.local")) {
            assertThat(couch.http().waitUntilUp(Duration.ofSeconds(5))).isTrue();
            assertThat(Files.readAllLines(data.resolve("mimic-seen"))).as("one name, and the image's -noinput kept")
                    .containsExactly("node=medic@couchdb-2.local", "admin=drill-admin", "cookie=present",
                            "noinput=present");
        }
        assertThat(ours()).isZero();
    }

    @Test
    void vmArgsWithoutNoinputMakesTheVmHaltAtEndOfStdinAndFailsTheBoot() throws Exception {
        // what the launcher used to mount: a generated vm.args naming the node, without CouchDB's "+Bd -noinput"
        Path vmArgs = Files.writeString(work.resolve("vm.args"), "-name couchdb@127.0.0.1\n-setcookie x\n"
                + "-kernel error_logger silent\n");
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, List.of(), Duration.ofSeconds(30),
                vmArgs);
        assertThatThrownBy(() -> launcher.start(data, VERSION, "couchdb@127.0.0.1"))
                .isInstanceOf(ScratchBootFailed.class).hasMessageContaining("exited with code 0 before answering");
        assertThat(ours()).isZero();
    }

    @Test
    void dataDirIsHandedBackToItsOwnerSoVerifyCanDeleteIt() throws Exception {
        Path restored = Files.createDirectories(data.resolve("couchdb-data/shards/00000000-7fffffff"));
        Files.writeString(restored.resolve("medic.1700000000.couch"), "restored");
        Path dataDir = data.resolve("couchdb-data");
        int uid = (Integer) Files.getAttribute(dataDir, "unix:uid");
        int gid = (Integer) Files.getAttribute(dataDir, "unix:gid");
        if (uid == 0) { // as root, stand in for a verify running as an ordinary user
            uid = 4321;
            gid = 4321;
            chownTree(dataDir, uid, gid);
        }
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, List.of(), Duration.ofSeconds(30));
        try (ScratchCouchDb.Running couch = launcher.start(dataDir, VERSION, "couchdb@127.0.0.1")) {
            assertThat(Files.getAttribute(dataDir, "unix:uid")).as("the entrypoint took the data dir").isEqualTo(5984);
        }
        try (var paths = Files.walk(dataDir)) {
            for (Path path : paths.toList()) {
                assertThat(Files.getAttribute(path, "unix:uid")).as(path.toString()).isEqualTo(uid);
                assertThat(Files.getAttribute(path, "unix:gid")).as(path.toString()).isEqualTo(gid);
            }
        }
        assertThat(dataDir.resolve("mimic-seen")).as("a file CouchDB created during the drill").exists();
        org.springframework.util.FileSystemUtils.deleteRecursively(dataDir);
        assertThat(dataDir).doesNotExist();
        assertThat(ours()).isZero();
    }

    @Test
    void containerThatExitsIsAFailureAndIsRemoved() {
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, IMAGE, List.of("sh", "-c", "exit 3"),
                Duration.ofSeconds(30));
        assertThatThrownBy(() -> launcher.start(data, VERSION, "couchdb@127.0.0.1"))
                .isInstanceOf(ScratchBootFailed.class).hasMessageContaining("exited with code 3");
        assertThat(ours()).isZero();
    }

    @Test
    void absentImageIsASkipNamingTheImage() {
        DockerScratchCouchDb launcher = new DockerScratchCouchDb(docker, "cht-backup-test/no-couchdb:{version}",
                List.of(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> launcher.start(data, VERSION, "couchdb@127.0.0.1"))
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

    /**
     * Containers of this launcher still on the engine that mount this test's directories (drills and ownership
     * hand-backs; other builds may be running drills on the same engine).
     */
    private long ours() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(DockerScratchCouchDb.LABEL))
                .exec().stream().filter(c -> c.getMounts() != null && c.getMounts().stream()
                        .anyMatch(m -> m.getSource() != null && (m.getSource().startsWith(data.toString())
                                || m.getSource().startsWith(work.toString()))))
                .count();
    }

    private static void chownTree(Path dir, int uid, int gid) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Files.setAttribute(path, "unix:uid", uid);
                Files.setAttribute(path, "unix:gid", gid);
            }
        }
    }
}
