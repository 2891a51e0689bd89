package org.chtbackup.collector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.snapshot.RecordingSink;
import org.chtbackup.collector.snapshot.TestCollector;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.Root;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * Against the real Docker engine: containers from the local busybox image play the CHT nginx, CouchDB and
 * upgrade-service containers, labelled as Compose labels them; the collector finds them by label whatever their
 * names and copies the TLS pair out through the Docker API. Never pulls an image.
 */
class DockerDiscoveryFindsChtByLabelsTest {

    private static final String IMAGE = "cht-backup-test/busybox:latest";
    private static final String TAGGED = "cht-backup-test/cht-nginx";
    private static final String VERSION = "4.20.0";

    @TempDir
    Path tmp;
    DockerClient docker;
    final List<String> containers = new ArrayList<>();
    Path host;

    @BeforeEach
    void engine() throws IOException {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock").build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).connectionTimeout(Duration.ofSeconds(5)).build());
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            org.chtbackup.contracts.testing.Requirements.require(false, "no Docker engine at unix:///var/run/docker.sock (" + e.getClass().getSimpleName()
                    + "): .ci/run starts one");
        }
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (RuntimeException e) {
            org.chtbackup.contracts.testing.Requirements.require(false, "local image " + IMAGE + " is missing (.ci/run builds it from busybox-static); "
                    + "tests never pull");
        }
        docker.tagImageCmd(IMAGE, TAGGED, VERSION).exec();
        host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        Path env = host.resolve("home/ubuntu/cht/upgrade-service/.env");
        // The collector runs on the host here (host root "/"): the .env names real absolute paths.
        Files.writeString(env, Files.readString(env).replace("=/home/ubuntu", "=" + host.resolve("home/ubuntu")));
    }

    @AfterEach
    void remove() {
        for (String id : containers) {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        }
        try {
            docker.removeImageCmd(TAGGED + ":" + VERSION).withNoPrune(true).exec();
        } catch (RuntimeException e) {
            // another test run removed the tag already
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cht-nginx-1", "cht_nginx_1"})
    void theNginxContainerIsFoundByLabelAndItsTlsPairCopiedOut(String nginxName) throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        String nginx = container(TAGGED + ":" + VERSION, nginxName + "-" + suffix, "cht", "nginx", null);
        copyIn(nginx, Map.of("etc/nginx/private/cert.pem", fixture("cert.pem"), "etc/nginx/private/key.pem",
                fixture("key.pem")));
        String couchdb = container(IMAGE, "cht-couchdb-1-" + suffix, "cht", "couchdb", null);
        copyIn(couchdb, Map.of("opt/couchdb/etc/local.d/docker.ini", "[couchdb]\nuuid = abc\n".getBytes()));
        container(IMAGE, "upgrade-service-cht-upgrade-service-1-" + suffix, "upgrade-service", "cht-upgrade-service",
                new Bind(host.resolve("home/ubuntu/cht/upgrade-service").toString(), new com.github.dockerjava.api.model.Volume("/config")));
        DockerDiscovery discovery = new DockerDiscovery(docker, Path.of("/"), Path.of("/nonexistent/.env"), "cht",
                null, tmp.resolve("state"), new ConfiguredPathsDiscovery(Path.of("/"), Path.of("/nonexistent/.env"),
                null, null, null));

        Path staging;
        try (HostLayout layout = discovery.discover()) {
            staging = layout.staging();
            assertThat(layout.facts().discovery()).isEqualTo("docker");
            assertThat(layout.facts().composeProject()).isEqualTo("cht");
            assertThat(layout.facts().chtVersion()).isEqualTo(VERSION);
            assertThat(layout.facts().clustered()).isFalse();
            assertThat(layout.roots().get(Root.UPGRADE_SERVICE)).isEqualTo(host.resolve("home/ubuntu/cht/upgrade-service"));
            assertThat(layout.dataDirs().get("")).isEqualTo(host.resolve("home/ubuntu/cht/couchdb"));
            Path tls = layout.roots().get(Root.TLS);
            assertThat(Files.readAllBytes(tls.resolve("cert.pem"))).isEqualTo(fixture("cert.pem"));
            assertThat(Files.readAllBytes(tls.resolve("key.pem"))).isEqualTo(fixture("key.pem"));
            assertThat(layout.roots().get(Root.COUCHDB_CONFIG).resolve("docker.ini")).hasContent("[couchdb]\nuuid = abc");
            assertThat(layout.couchdb()).as("the CouchDB container's address on its network").isNotNull();
        }
        assertThat(staging).as("the copied key does not outlive the snapshot").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cht-nginx-1"})
    void aSnapshotThroughDockerHoldsTheTlsPairFromTheContainer(String nginxName) throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        String nginx = container(TAGGED + ":" + VERSION, nginxName + "-" + suffix, "cht", "nginx", null);
        copyIn(nginx, Map.of("etc/nginx/private/cert.pem", fixture("cert.pem"), "etc/nginx/private/key.pem",
                fixture("key.pem")));
        Path env = host.resolve("home/ubuntu/cht/upgrade-service/.env");
        DockerDiscovery discovery = new DockerDiscovery(docker, Path.of("/"), env, "cht", null, tmp.resolve("state"),
                null);
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(discovery::discover, tmp.resolve("state"), sink, ChunkSizes.DEFAULT);

        assertThat(collector.snapshot("dock1").failure()).isNull();

        Manifest manifest = sink.manifests().get(0);
        assertThat(manifest.host().discovery()).isEqualTo("docker");
        assertThat(manifest.files()).filteredOn(f -> f.root() == Root.TLS).extracting(FileEntry::path, FileEntry::sha256)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("cert.pem", sha256(fixture("cert.pem"))),
                        org.assertj.core.groups.Tuple.tuple("key.pem", sha256(fixture("key.pem"))));
    }

    private String container(String image, String name, String project, String service, Bind bind) {
        HostConfig hostConfig = HostConfig.newHostConfig();
        if (bind != null) {
            hostConfig.withBinds(bind);
        }
        String id = docker.createContainerCmd(image).withName(name).withCmd("sleep", "600")
                .withLabels(Map.of("com.docker.compose.project", project, "com.docker.compose.service", service))
                .withHostConfig(hostConfig).exec().getId();
        containers.add(id);
        docker.startContainerCmd(id).exec();
        return id;
    }

    private void copyIn(String container, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(f.getValue().length);
                entry.setMode(0100600);
                out.putArchiveEntry(entry);
                out.write(f.getValue());
                out.closeArchiveEntry();
            }
        }
        docker.copyArchiveToContainerCmd(container).withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(tar.toByteArray())).exec();
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(SharedFixtures.chtHost().resolve("nginx-private").resolve(name));
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
