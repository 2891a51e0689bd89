package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
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
 * default), configured the way that image is meant to be: environment only ({@code COUCHDB_USER},
 * {@code COUCHDB_PASSWORD}, {@code NODENAME}, {@code COUCHDB_ERLANG_COOKIE}) and the restored directory mounted
 * at {@code /opt/couchdb/data}; port 5984 published on a random loopback port. The image's own {@code vm.args}
 * stays (it ends with {@code +Bd -noinput}, without which the VM halts at once in a container); only a node name
 * NODENAME cannot express gets a copy of it with that name ({@link ImageVmArgs}). The entrypoint chowns the data
 * directory to CouchDB's uid; {@link DataDirOwnership} gives it back. Never pulls: an absent image is a skip.
 * Every container is removed when the drill is done and on every failed start.
 */
public final class DockerScratchCouchDb implements ScratchCouchDb {

    /** Marks every container this launcher creates, so operators can find strays: {@code docker ps -a --filter label=…}. */
    public static final String LABEL = "org.chtbackup.scratch";
    static final ExposedPort COUCHDB_PORT = ExposedPort.tcp(5984);
    static final String DATA = "/opt/couchdb/data";
    private static final Logger log = LoggerFactory.getLogger(DockerScratchCouchDb.class);

    private final DockerClient docker;
    private final String imageTemplate;
    private final List<String> command;
    private final Duration bootTimeout;
    private final Path mountedVmArgs;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param imageTemplate image name, {@code {version}} replaced by the manifest's CouchDB version
     * @param command       overrides the image's command; empty for the official image
     */
    public DockerScratchCouchDb(DockerClient docker, String imageTemplate, List<String> command, Duration bootTimeout) {
        this(docker, imageTemplate, command, bootTimeout, null);
    }

    /** @param mountedVmArgs mounted over the image's vm.args instead of naming the node (tests); null in service */
    DockerScratchCouchDb(DockerClient docker, String imageTemplate, List<String> command, Duration bootTimeout,
                         Path mountedVmArgs) {
        this.docker = docker;
        this.imageTemplate = imageTemplate;
        this.command = List.copyOf(command);
        this.bootTimeout = bootTimeout;
        this.mountedVmArgs = mountedVmArgs;
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
        requireImage(image);
        String node = ScratchConfig.node(nodeName);
        String password = hex(16);
        DataDirOwnership ownership = null;
        Path vmArgs = null;
        String id = null;
        try {
            ownership = DataDirOwnership.of(docker, image, dataDir);
            vmArgs = vmArgs(image, node);
            id = create(image, dataDir, vmArgs, node, password, hex(16), null);
            docker.startContainerCmd(id).exec();
            InspectContainerResponse started = docker.inspectContainerCmd(id).exec();
            exitedEarly(id, started.getState());
            int port = hostPort(started);
            CouchDbHttp http = new CouchDbHttp(URI.create("http://127.0.0.1:" + port + "/"), ScratchConfig.ADMIN,
                    password);
            waitUntilUp(id, http);
            log.info("scratch CouchDB {} up in container {} on 127.0.0.1:{} as node {}", image, shortId(id), port,
                    node);
            return new Started(id, image, http, vmArgs, ownership);
        } catch (ScratchBootFailed e) {
            tearDown(id, vmArgs, ownership);
            throw e;
        } catch (IOException | RuntimeException e) {
            tearDown(id, vmArgs, ownership);
            throw new ScratchBootFailed("scratch CouchDB " + image + " did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public Running startCluster(List<ClusterNode> nodes, String couchdbVersion)
            throws ScratchBootSkipped, ScratchBootFailed {
        String image = image(couchdbVersion);
        requireImage(image);
        return new DockerScratchCluster(this, docker, image, bootTimeout).start(nodes);
    }

    /** Never pulls: an image not on the engine, or no engine, is a skip. */
    void requireImage(String image) throws ScratchBootSkipped {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new ScratchBootSkipped("scratch boot skipped: image '" + image + "' is not on the Docker engine and"
                    + " verify never pulls; load it on the verify host (docker pull/load " + image + ")");
        } catch (RuntimeException e) {
            throw new ScratchBootSkipped("scratch boot skipped: Docker engine not reachable ("
                    + e.getClass().getSimpleName() + "); check verify.scratch.docker-host");
        }
    }

    /** The vm.args to mount for {@code node}: a test's own, or {@link #namedVmArgs}. */
    Path vmArgs(String image, String node) throws IOException, ScratchBootFailed {
        return mountedVmArgs != null ? mountedVmArgs : namedVmArgs(image, node);
    }

    /** Null when NODENAME names the node: the official entrypoint then appends {@code -name couchdb@NODENAME}. */
    private Path namedVmArgs(String image, String node) throws IOException, ScratchBootFailed {
        if (ScratchConfig.name(node).equals("couchdb")) {
            return null;
        }
        return ImageVmArgs.write(docker, image, node, Files.createTempDirectory("cht-backup-vmargs-"));
    }

    /**
     * Creates (does not start) one scratch CouchDB container of this launcher.
     *
     * @param network null for a lone node on the default network; else the drill's network, where the node's host
     *                part is the container's host name and alias, so its peers reach it by the source's name
     * @return the container id
     */
    String create(String image, Path dataDir, Path vmArgs, String node, String password, String cookie,
                  String network) {
        List<Bind> binds = new ArrayList<>(List.of(new Bind(dataDir.toAbsolutePath().toString(), new Volume(DATA))));
        List<String> env = new ArrayList<>(List.of("COUCHDB_USER=" + ScratchConfig.ADMIN,
                "COUCHDB_PASSWORD=" + password, "COUCHDB_ERLANG_COOKIE=" + cookie));
        if (vmArgs == null) {
            env.add("NODENAME=" + ScratchConfig.host(node));
        } else {
            // the mounted file names the node; NODENAME would make the entrypoint append a second -name
            binds.add(new Bind(vmArgs.toAbsolutePath().toString(), new Volume(ImageVmArgs.PATH_IN_IMAGE)));
        }
        HostConfig host = HostConfig.newHostConfig().withBinds(binds)
                .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), COUCHDB_PORT));
        if (network != null) {
            host.withNetworkMode(network);
        }
        CreateContainerCmd create = docker.createContainerCmd(image)
                .withName("cht-backup-drill-" + hex(4))
                .withLabels(Map.of(LABEL, "drill"))
                .withEnv(env)
                .withExposedPorts(COUCHDB_PORT)
                .withHostConfig(host);
        if (network != null) {
            create.withHostName(ScratchConfig.host(node)).withAliases(ScratchConfig.host(node));
        }
        if (!command.isEmpty()) {
            create.withCmd(command);
        }
        return create.exec().getId();
    }

    void waitUntilUp(String id, CouchDbHttp http) throws ScratchBootFailed {
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

    static void exitedEarly(String id, InspectContainerResponse.ContainerState state) throws ScratchBootFailed {
        if (!Boolean.TRUE.equals(state.getRunning())) {
            throw new ScratchBootFailed("scratch CouchDB container " + shortId(id) + " exited with code "
                    + state.getExitCodeLong() + " before answering; restore the snapshot with the restore tool and"
                    + " start CouchDB on it by hand to see why", null);
        }
    }

    static int hostPort(InspectContainerResponse inspect) {
        Ports.Binding[] bindings = inspect.getNetworkSettings().getPorts().getBindings().get(COUCHDB_PORT);
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("Docker published no host port for 5984");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /** Container first (nothing may write to the data dir after the chown back), then ownership, then vm.args. */
    private void tearDown(String id, Path vmArgs, DataDirOwnership ownership) {
        remove(docker, id);
        if (ownership != null) {
            ownership.handBack();
        }
        deleteVmArgs(vmArgs);
    }

    /** Removes a container this launcher created, with its anonymous volumes; null and already gone are fine. */
    static void remove(DockerClient docker, String id) {
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

    String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private final class Started implements Running {
        private final String id;
        private final String image;
        private final CouchDbHttp http;
        private final Path vmArgs;
        private final DataDirOwnership ownership;

        Started(String id, String image, CouchDbHttp http, Path vmArgs, DataDirOwnership ownership) {
            this.id = id;
            this.image = image;
            this.http = http;
            this.vmArgs = vmArgs;
            this.ownership = ownership;
        }

        @Override
        public CouchDbHttp http() {
            return http;
        }

        @Override
        public String description() {
            return "docker " + image + " container " + shortId(id);
        }

        @Override
        public void close() {
            tearDown(id, vmArgs, ownership);
        }
    }

    /** Container id of a running scratch CouchDB started by this launcher, for tests. */
    static String containerId(Running running) {
        return ((Started) running).id;
    }

    /** Deletes a temporary vm.args this launcher wrote (never a test's mounted one). */
    void deleteVmArgs(Path vmArgs) {
        if (vmArgs != null && vmArgs != mountedVmArgs) {
            try {
                Files.deleteIfExists(vmArgs);
                Files.deleteIfExists(vmArgs.getParent());
            } catch (IOException e) {
                log.debug("temporary vm.args {} left behind", vmArgs);
            }
        }
    }

}
