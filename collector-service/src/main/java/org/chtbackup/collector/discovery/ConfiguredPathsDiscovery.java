package org.chtbackup.collector.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Root;

/**
 * Discovery without a Docker engine: reads the {@code .env} named in configuration and maps the absolute host
 * paths it gives ({@code COUCHDB_DATA}, {@code CHT_COMPOSE_PATH}) under {@code hostRoot}, which is {@code /} on
 * the host itself and a mount point when the collector runs in a container. The manifest says
 * {@code configured-paths} so an auditor knows nothing was cross-checked with the running containers.
 */
public final class ConfiguredPathsDiscovery {

    private final Path hostRoot;
    private final Path envFile;
    private final Path tlsDir;
    private final Path couchdbConfigDir;

    /**
     * @param hostRoot         where the host's filesystem is seen
     * @param envFile          the upgrade-service .env, as a host path
     * @param tlsDir           host path of a copy of /etc/nginx/private, or null
     * @param couchdbConfigDir host path of the cht-credentials volume (local.d), or null
     */
    public ConfiguredPathsDiscovery(Path hostRoot, Path envFile, Path tlsDir, Path couchdbConfigDir) {
        this.hostRoot = hostRoot;
        this.envFile = envFile;
        this.tlsDir = tlsDir;
        this.couchdbConfigDir = couchdbConfigDir;
    }

    public HostLayout discover() {
        EnvFile env = EnvFile.read(onHost(envFile));
        Path data = onHost(Path.of(env.require("COUCHDB_DATA")));
        if (!Files.isDirectory(data)) {
            throw new DiscoveryException("COUCHDB_DATA in " + env.path() + " points at " + data + ", which is not a directory");
        }
        Map<Root, Path> roots = new EnumMap<>(Root.class);
        roots.put(Root.COUCHDB_DATA, data);
        env.get("CHT_COMPOSE_PATH").map(p -> onHost(Path.of(p))).filter(Files::isDirectory)
                .ifPresent(p -> roots.put(Root.COMPOSE, p));
        roots.put(Root.UPGRADE_SERVICE, onHost(envFile).getParent());
        if (tlsDir != null && Files.isDirectory(onHost(tlsDir))) {
            roots.put(Root.TLS, onHost(tlsDir));
        }
        if (couchdbConfigDir != null && Files.isDirectory(onHost(couchdbConfigDir))) {
            roots.put(Root.COUCHDB_CONFIG, onHost(couchdbConfigDir));
        }
        boolean clustered = env.get("DB1_DATA").isPresent();
        HostFacts facts = new HostFacts(null, null, null,
                env.get("CHT_COMPOSE_PROJECT_NAME").orElse("cht"), clustered, "configured-paths");
        return new HostLayout(roots, facts);
    }

    /** A host path seen under hostRoot: "/home/ubuntu/cht" → hostRoot/home/ubuntu/cht. */
    private Path onHost(Path hostPath) {
        if (!hostPath.isAbsolute()) {
            return hostRoot.resolve(hostPath).normalize();
        }
        Path relative = hostPath.getRoot().relativize(hostPath);
        return hostRoot.resolve(relative).normalize();
    }
}
