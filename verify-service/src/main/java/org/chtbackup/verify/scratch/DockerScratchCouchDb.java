package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CouchDB in a container of the official image matching the snapshot's version ({@code couchdb:3.4.3} by
 * default), the restored directory mounted at {@code /opt/couchdb/data}, a generated {@code vm.args} giving the
 * source's node name, port 5984 published on a random loopback port. Never pulls: an absent image is a skip.
 * The container is removed when the drill is done and on every failed start.
 */
public final class DockerScratchCouchDb implements ScratchCouchDb {

    /** Marks every container this launcher creates, so operators can find strays: {@code docker ps -a --filter label=…}. */
    public static final String LABEL = "org.chtbackup.scratch";
    static final ExposedPort COUCHDB_PORT = ExposedPort.tcp(5984);
    private static final Logger log = LoggerFactory.getLogger(DockerScratchCouchDb.class);

    private final DockerClient docker;
    private final String imageTemplate;
    private final List<String> command;
    private final Duration bootTimeout;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param imageTemplate image name, {@code {version}} replaced by the manifest's CouchDB version
     * @param command       overrides the image's command; empty for the official image (tests use busybox)
     */
    public DockerScratchCouchDb(DockerClient docker, String imageTemplate, List<String> command, Duration bootTimeout) {
        this.docker = docker;
        this.imageTemplate = imageTemplate;
        this.command = List.copyOf(command);
        this.bootTimeout = bootTimeout;
    }

    @Override
    public String name() {
        return "docker";
    }

    String image(String couchdbVersion) throws ScratchBootSkipped {
        if (imageTemplate.contains("{version}") && (couchdbVersion == null || couchdbVersion.isBlank())) {
            throw new ScratchBootSkipped("scratch boot skipped: the manifest does not record the CouchDB version, so"
                    + " image '" + imageTemplate + "' cannot be chosen");
        }
        return imageTemplate.replace("{version}", couchdbVersion == null ? "" : couchdbVersion);
    }

    @Override
    public Running start(Path dataDir, String couchdbVersion, String nodeName)
            throws ScratchBootSkipped, ScratchBootFailed {
        String image = image(couchdbVersion);
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new ScratchBootSkipped("scratch boot skipped: image '" + image + "' is not on the Docker engine and"
                    + " verify never pulls; load it on the verify host (docker pull/load " + image + ")");
        } catch (RuntimeException e) {
            throw new ScratchBootSkipped("scratch boot skipped: Docker engine not reachable ("
                    + e.getClass().getSimpleName() + "); check verify.scratch.docker-host");
        }
        String password = HexFormat.of().formatHex(bytes(16));
        String id = null;
        try {
            Path vmArgs = ScratchConfig.writeVmArgs(Files.createTempDirectory("cht-backup-vmargs-"), nodeName,
                    HexFormat.of().formatHex(bytes(16)));
            id = create(image, dataDir, vmArgs, nodeName, password).getId();
            docker.startContainerCmd(id).exec();
            InspectContainerResponse started = docker.inspectContainerCmd(id).exec();
            exitedEarly(id, started.getState());
            int port = hostPort(started);
            CouchDbHttp http = new CouchDbHttp(URI.create("http://127.0.0.1:" + port + "/"), ScratchConfig.ADMIN,
                    password);
            waitUntilUp(id, http);
            log.info("scratch CouchDB {} up in container {} on 127.0.0.1:{} as node {}", image, shortId(id), port,
                    nodeName);
            return new Started(id, image, http, vmArgs);
        } catch (ScratchBootFailed e) {
            remove(id);
            throw e;
        } catch (IOException | RuntimeException e) {
            remove(id);
            throw new ScratchBootFailed("scratch CouchDB " + image + " did not start: " + e.getMessage(), e);
        }
    }

    private com.github.dockerjava.api.command.CreateContainerResponse create(String image, Path dataDir, Path vmArgs,
                                                                            String nodeName, String password) {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind(dataDir.toAbsolutePath().toString(), new Volume("/opt/couchdb/data")),
                        new Bind(vmArgs.toAbsolutePath().toString(), new Volume("/opt/couchdb/etc/vm.args")))
                .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), COUCHDB_PORT));
        CreateContainerCmd create = docker.createContainerCmd(image)
                .withName("cht-backup-drill-" + HexFormat.of().formatHex(bytes(4)))
                .withLabels(Map.of(LABEL, "drill"))
                .withEnv(List.of("COUCHDB_USER=" + ScratchConfig.ADMIN, "COUCHDB_PASSWORD=" + password,
                        "NODENAME=" + ScratchConfig.host(nodeName)))
                .withExposedPorts(COUCHDB_PORT)
                .withHostConfig(host);
        if (!command.isEmpty()) {
            create.withCmd(command);
        }
        return create.exec();
    }

    private void waitUntilUp(String id, CouchDbHttp http) throws ScratchBootFailed {
        long deadline = System.nanoTime() + bootTimeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                exitedEarly(id, docker.inspectContainerCmd(id).exec().getState());
                if (http.waitUntilUp(Duration.ofSeconds(1))) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScratchBootFailed("interrupted while waiting for scratch CouchDB", e);
        }
        throw new ScratchBootFailed("scratch CouchDB did not answer GET /_up within " + bootTimeout.toSeconds()
                + " s; raise verify.scratch.boot-timeout for large data directories", null);
    }

    private static void exitedEarly(String id, InspectContainerResponse.ContainerState state) throws ScratchBootFailed {
        if (!Boolean.TRUE.equals(state.getRunning())) {
            throw new ScratchBootFailed("scratch CouchDB container " + shortId(id) + " exited with code "
                    + state.getExitCodeLong() + " before answering; restore the snapshot with the restore tool and"
                    + " start CouchDB on it by hand to see why", null);
        }
    }

    private static int hostPort(InspectContainerResponse inspect) {
        Ports.Binding[] bindings = inspect.getNetworkSettings().getPorts().getBindings().get(COUCHDB_PORT);
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("Docker published no host port for 5984");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    private void remove(String id) {
        if (id == null) {
            return;
        }
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            log.warn("removing scratch container {} failed ({}); remove it by hand: docker rm -f {}", shortId(id),
                    e.getClass().getSimpleName(), id);
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private final class Started implements Running {
        private final String id;
        private final String image;
        private final CouchDbHttp http;
        private final Path vmArgs;

        Started(String id, String image, CouchDbHttp http, Path vmArgs) {
            this.id = id;
            this.image = image;
            this.http = http;
            this.vmArgs = vmArgs;
        }

        @Override
        public CouchDbHttp http() {
            return http;
        }

        @Override
        public String description() {
            return "docker " + image + " container " + shortId(id);
        }

        /** The container's id, for operators and lifecycle tests. */
        String containerId() {
            return id;
        }

        @Override
        public void close() {
            remove(id);
            try {
                Files.deleteIfExists(vmArgs);
                Files.deleteIfExists(vmArgs.getParent());
            } catch (IOException e) {
                log.debug("temporary vm.args {} left behind", vmArgs);
            }
        }
    }

    /** Container id of a running scratch CouchDB started by this launcher, for tests. */
    static String containerId(Running running) {
        return ((Started) running).containerId();
    }
}
