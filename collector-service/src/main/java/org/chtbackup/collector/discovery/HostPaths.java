package org.chtbackup.collector.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** As Linux's limit on links followed in one path (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private final Path hostRoot;

    HostPaths(Path hostRoot) {
        this.hostRoot = hostRoot;
    }

    /**
     * A host path seen under hostRoot: "/home/ubuntu/cht" → hostRoot/home/ubuntu/cht. Symbolic links on the way are
     * followed as the host follows them, with hostRoot as "/": a data directory linked to another disk
     * ({@code couchdb -> /mnt/data/couchdb}) is read there, under hostRoot, never in the collector's own file system,
     * and ".." never climbs above hostRoot. A missing component ends the resolution (the caller reports it).
     */
    Path onHost(Path hostPath) {
        Path relative = hostPath.isAbsolute() ? hostPath.getRoot().relativize(hostPath) : hostPath;
        Deque<String> todo = new ArrayDeque<>();
        relative.forEach(part -> todo.addLast(part.toString()));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            Path candidate = under(resolved).resolve(name);
            if (!Files.isSymbolicLink(candidate)) {
                resolved.add(name);
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new DiscoveryException(hostPath + ": more than " + MAX_LINKS + " symbolic links on the way (a"
                        + " loop?); point the setting at the real directory");
            }
            Path target;
            try {
                target = Files.readSymbolicLink(candidate);
            } catch (IOException e) {
                throw new DiscoveryException("cannot read the symbolic link " + candidate + ": " + e.getMessage());
            }
            if (target.isAbsolute()) {
                resolved.clear();
                target = target.getRoot().relativize(target);
            }
            List<String> parts = new ArrayList<>();
            target.forEach(part -> parts.add(part.toString()));
            for (int i = parts.size() - 1; i >= 0; i--) {
                todo.addFirst(parts.get(i));
            }
        }
        return under(resolved);
    }

    /** The folder a host file is in, links followed as {@link #onHost}; the file itself may link elsewhere. */
    Path folderOf(Path hostFile) {
        Path parent = hostFile.getParent();
        return onHost(parent != null ? parent : Path.of(""));
    }

    private Path under(List<String> parts) {
        Path path = hostRoot;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
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
