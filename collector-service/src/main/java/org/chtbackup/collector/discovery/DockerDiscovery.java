package org.chtbackup.collector.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.ContainerNetwork;
import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Root;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery through the host's Docker engine: finds the CHT compose project by container labels, the
 * upgrade-service {@code .env} through that container's {@code /config} mount, copies the TLS pair out of the
 * nginx container and CouchDB's {@code local.d} out of the CouchDB container, and takes the CHT version from
 * image tags. Without a reachable engine, or with no CHT container on it, it falls back to configured paths
 * and the manifest says {@code configured-paths}.
 */
public final class DockerDiscovery {

    public static final String DISCOVERY = "docker";
    static final String TLS_PATH = "/etc/nginx/private";
    static final String LOCAL_D_PATH = "/opt/couchdb/etc/local.d";

    private static final Logger log = LoggerFactory.getLogger(DockerDiscovery.class);

    private final DockerClient docker;
    private final HostPaths host;
    private final Path configuredEnvFile;
    private final String composeProject;
    private final URI couchdbUrl;
    private final Path stagingParent;
    private final ConfiguredPathsDiscovery fallback;

    /**
     * @param composeProject the compose project to back up, or null to find it ({@code cht} when several)
     * @param couchdbUrl     where CouchDB answers, or null to use the CouchDB container's address on its network
     * @param stagingParent  where a private folder for copied-out files is made, removed after each snapshot
     */
    public DockerDiscovery(DockerClient docker, Path hostRoot, Path configuredEnvFile, String composeProject,
                           URI couchdbUrl, Path stagingParent, ConfiguredPathsDiscovery fallback) {
        this.docker = docker;
        this.host = new HostPaths(hostRoot);
        this.configuredEnvFile = configuredEnvFile;
        this.composeProject = composeProject;
        this.couchdbUrl = couchdbUrl;
        this.stagingParent = stagingParent;
        this.fallback = fallback;
    }

    public HostLayout discover() {
        List<Container> containers;
        try {
            containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(ComposeProject.PROJECT_LABEL)).exec();
        } catch (RuntimeException e) {
            log.warn("no Docker engine answered ({}): falling back to configured paths", e.getClass().getSimpleName());
            return fallback.discover();
        }
        Optional<ComposeProject> found = ComposeProject.find(containers, composeProject);
        if (found.isEmpty()) {
            log.warn("no container labelled as a CHT service{}: falling back to configured paths",
                    composeProject == null ? "" : " of compose project '" + composeProject + "'");
            return fallback.discover();
        }
        return discover(found.get(), ComposeProject.upgradeService(containers));
    }

    private HostLayout discover(ComposeProject project, Optional<Container> upgradeService) {
        String version = project.chtVersion();
        if (version != null && !version.startsWith("4.") && Character.isDigit(version.charAt(0))) {
            throw new DiscoveryException("compose project '" + project.name() + "' runs CHT " + version
                    + " (image tags); this collector backs up CHT 4.x hosts only");
        }
        Path envHostPath = upgradeService.flatMap(c -> mount(c, "/config"))
                .map(source -> Path.of(source).resolve(".env")).orElse(configuredEnvFile);
        Path envOnHost = host.onHost(envHostPath);
        EnvFile env = EnvFile.read(envOnHost);
        Map<String, Path> dataDirs = host.dataDirs(env);
        Map<Root, Path> roots = new EnumMap<>(Root.class);
        host.composeDir(env).ifPresent(p -> roots.put(Root.COMPOSE, p));
        // the folder the .env is in, even when the .env itself links elsewhere
        roots.put(Root.UPGRADE_SERVICE, host.folderOf(envHostPath));
        Path staging = newStagingFolder();
        try {
            return discover(project, version, env, envOnHost, dataDirs, roots, staging);
        } catch (RuntimeException e) {
            new HostLayout(Map.of(), Map.of(), null, null, java.util.Set.of(), staging).close();
            throw e;
        }
    }

    private HostLayout discover(ComposeProject project, String version, EnvFile env, Path envOnHost,
                                Map<String, Path> dataDirs, Map<Root, Path> roots, Path staging) {
        ContainerFiles files = new ContainerFiles(docker);
        Container nginx = project.service("nginx").orElseThrow(() -> new DiscoveryException("compose project '"
                + project.name() + "' has no container labelled " + ComposeProject.SERVICE_LABEL
                + "=nginx: is CHT 4.x running? The TLS certificate lives in that container"));
        if (files.copyOut(nginx.getId(), name(nginx), TLS_PATH + "/cert.pem", staging.resolve("nginx-private"))
                & files.copyOut(nginx.getId(), name(nginx), TLS_PATH + "/key.pem", staging.resolve("nginx-private"))) {
            roots.put(Root.TLS, staging.resolve("nginx-private"));
        } else {
            log.warn("nginx container {} has no {}/cert.pem or key.pem: snapshot without TLS files", name(nginx), TLS_PATH);
        }
        List<Container> couchdbs = project.couchdbs();
        if (!couchdbs.isEmpty() && files.copyOut(couchdbs.get(0).getId(), name(couchdbs.get(0)), LOCAL_D_PATH,
                staging.resolve("couchdb-config"))) {
            roots.put(Root.COUCHDB_CONFIG, staging.resolve("couchdb-config").resolve("local.d"));
        }
        boolean clustered = !dataDirs.containsKey("") || couchdbs.size() > 1;
        HostFacts facts = new HostFacts(version, null, null, project.name(), clustered, DISCOVERY);
        log.info("found CHT {} as compose project '{}' ({} containers, {}), .env at {}", version, project.name(),
                project.containers().size(), clustered ? "clustered" : "single node", envOnHost);
        return new HostLayout(roots, dataDirs, facts, endpoint(couchdbs, env), HostPaths.secrets(env), staging);
    }

    private CouchDbEndpoint endpoint(List<Container> couchdbs, EnvFile env) {
        URI url = couchdbUrl;
        if (url == null && !couchdbs.isEmpty() && couchdbs.get(0).getNetworkSettings() != null) {
            url = couchdbs.get(0).getNetworkSettings().getNetworks().values().stream()
                    .map(ContainerNetwork::getIpAddress).filter(ip -> ip != null && !ip.isBlank())
                    .findFirst().map(ip -> URI.create("http://" + ip + ":5984")).orElse(null);
        }
        return url == null ? null : new CouchDbEndpoint(url, env.get("COUCHDB_USER").orElse(null),
                env.get("COUCHDB_PASSWORD").orElse(null));
    }

    private static Optional<String> mount(Container c, String destination) {
        return c.getMounts() == null ? Optional.empty() : c.getMounts().stream()
                .filter(m -> destination.equals(m.getDestination()) || (destination + "/").equals(m.getDestination()))
                .map(ContainerMount::getSource).filter(s -> s != null && !s.isBlank()).findFirst();
    }

    private static String name(Container c) {
        return c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
    }

    private Path newStagingFolder() {
        try {
            Files.createDirectories(stagingParent);
            return Files.createTempDirectory(stagingParent, "staging-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private staging folder under " + stagingParent
                    + ": check collector.state-dir", e);
        }
    }
}
