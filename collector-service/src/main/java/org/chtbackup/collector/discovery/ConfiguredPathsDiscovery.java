package org.chtbackup.collector.discovery;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.Root;

/**
 * Discovery without a Docker engine: reads the {@code .env} named in configuration and maps the absolute host
 * paths it gives ({@code COUCHDB_DATA}, {@code CHT_COMPOSE_PATH}) under {@code hostRoot}. The manifest says
 * {@code configured-paths} so an auditor knows nothing was cross-checked with the running containers.
 */
public final class ConfiguredPathsDiscovery {

    public static final String DISCOVERY = "configured-paths";

    private final HostPaths host;
    private final Path envFile;
    private final Path tlsDir;
    private final Path couchdbConfigDir;
    private final URI couchdbUrl;

    /**
     * @param hostRoot         where the host's filesystem is seen
     * @param envFile          the upgrade-service .env, as a host path
     * @param tlsDir           host path of a copy of /etc/nginx/private, or null
     * @param couchdbConfigDir host path of the cht-credentials volume (local.d), or null
     * @param couchdbUrl       where CouchDB answers HTTP, or null to read no live statistics
     */
    public ConfiguredPathsDiscovery(Path hostRoot, Path envFile, Path tlsDir, Path couchdbConfigDir, URI couchdbUrl) {
        this.host = new HostPaths(hostRoot);
        this.envFile = envFile;
        this.tlsDir = tlsDir;
        this.couchdbConfigDir = couchdbConfigDir;
        this.couchdbUrl = couchdbUrl;
    }

    public HostLayout discover() {
        EnvFile env = EnvFile.read(host.onHost(envFile));
        Map<String, Path> dataDirs = host.dataDirs(env);
        Map<Root, Path> roots = new EnumMap<>(Root.class);
        host.composeDir(env).ifPresent(p -> roots.put(Root.COMPOSE, p));
        // the folder the .env is in, even when the .env itself links elsewhere
        roots.put(Root.UPGRADE_SERVICE, host.folderOf(envFile));
        if (tlsDir != null && Files.isDirectory(host.onHost(tlsDir))) {
            roots.put(Root.TLS, host.onHost(tlsDir));
        }
        if (couchdbConfigDir != null && Files.isDirectory(host.onHost(couchdbConfigDir))) {
            roots.put(Root.COUCHDB_CONFIG, host.onHost(couchdbConfigDir));
        }
        boolean clustered = !dataDirs.containsKey("");
        HostFacts facts = new HostFacts(null, null, null,
                env.get("CHT_COMPOSE_PROJECT_NAME").orElse("cht"), clustered, DISCOVERY);
        CouchDbEndpoint couchdb = couchdbUrl == null ? null
                : new CouchDbEndpoint(couchdbUrl, env.get("COUCHDB_USER").orElse(null),
                        env.get("COUCHDB_PASSWORD").orElse(null));
        return new HostLayout(roots, dataDirs, facts, couchdb, HostPaths.secrets(env), null);
    }
}
