package org.chtbackup.collector.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The host paths a CHT 4.x {@code .env} names, mapped under the host root the collector sees: {@code /} on the
 * host itself, a mount point when the collector runs in a container.
 */
final class HostPaths {

    private final Path hostRoot;

    HostPaths(Path hostRoot) {
        this.hostRoot = hostRoot;
    }

    /** A host path seen under hostRoot: "/home/ubuntu/cht" → hostRoot/home/ubuntu/cht. */
    Path onHost(Path hostPath) {
        if (!hostPath.isAbsolute()) {
            return hostRoot.resolve(hostPath).normalize();
        }
        return hostRoot.resolve(hostPath.getRoot().relativize(hostPath)).normalize();
    }

    /**
     * CouchDB data directories: {@code DB1_DATA..DB3_DATA} on a clustered host (prefixes db1..db3), else
     * {@code COUCHDB_DATA} (prefix ""). Each must exist.
     */
    Map<String, Path> dataDirs(EnvFile env) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (int n = 1; n <= 3; n++) {
            String key = "DB" + n + "_DATA";
            Optional<String> value = env.get(key);
            if (value.isPresent()) {
                dirs.put("db" + n, existingDir(env, key, value.get()));
            }
        }
        if (dirs.isEmpty()) {
            dirs.put("", existingDir(env, "COUCHDB_DATA", env.require("COUCHDB_DATA")));
        }
        return dirs;
    }

    Optional<Path> composeDir(EnvFile env) {
        return env.get("CHT_COMPOSE_PATH").map(p -> onHost(Path.of(p))).filter(Files::isDirectory);
    }

    /** Values that must never be printed: the CouchDB password, secret and the admin user's password hash input. */
    static Set<String> secrets(EnvFile env) {
        return Stream.of("COUCHDB_PASSWORD", "COUCHDB_SECRET").map(env::get).flatMap(Optional::stream)
                .collect(Collectors.toSet());
    }

    private Path existingDir(EnvFile env, String key, String value) {
        Path dir = onHost(Path.of(value));
        if (!Files.isDirectory(dir)) {
            throw new DiscoveryException(key + " in " + env.path() + " points at " + dir
                    + ", which is not a directory: check the .env or collector.host-root");
        }
        return dir;
    }
}
