package org.chtbackup.contracts.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's fixtures ({@code fixtures/} at its root: real CouchDB-made data), found by walking up from the
 * working directory to the checkout, so every module's tests read the same copy and a clone needs nothing beside it.
 */
public final class SharedFixtures {

    /**
     * Strings that stand in clear in the fixture host's files (document ids, .env values, the TLS key) and so
     * must never appear in anything cht-backup writes outside the host.
     */
    public static final List<String> PLAINTEXT_MARKERS = List.of("form:pregnancy", "form:delivery",
            "org.couchdb.user:chw1", "_local/sentinel-meta-data", "fixture-password-not-secret",
            "3c0c3eee61a8a4f2d26ae9b7c2a4a1f0", "BEGIN PRIVATE KEY");

    public static Path root() {
        Path fixtures = repository().resolve("fixtures");
        if (!Files.isDirectory(fixtures)) {
            throw new IllegalStateException("no fixtures/ folder in " + repository() + ": the checkout is incomplete");
        }
        return fixtures;
    }

    /** The cht-backup checkout the tests run in (the folder holding {@code mvnw}), for its scripts and configuration. */
    public static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the cht-backup repository: " + Path.of("").toAbsolutePath());
    }

    /** Where {@code needle} first stands in {@code haystack}, or -1: how the plaintext checks scan stored bytes. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A CHT 4.x host as files: real CouchDB 3.4.3 data, compose files, .env, TLS pair. */
    public static Path chtHost() {
        return root().resolve("cht-host");
    }

    /**
     * A large real CouchDB shard for opt-in tests and benchmarks, named by the system property
     * {@code cht.large-shard}; it is not kept in the repository.
     */
    public static Path largeCouchFile() {
        String path = System.getProperty("cht.large-shard", System.getenv("CHT_LARGE_SHARD"));
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("no large shard given: pass -Dcht.large-shard=/path/to/shard.couch");
        }
        return Path.of(path);
    }

    /** A writable copy of the cht-host fixture, for tests that change files. */
    public static Path chtHostCopy(Path target) throws IOException {
        return copy(chtHost(), target);
    }

    /** A writable copy of {@code fixtures/couchdb-cluster}: three nodes' data directories, {@code db1..db3}. */
    public static Path clusterCopy(Path target) throws IOException {
        return copy(root().resolve("couchdb-cluster"), target);
    }

    private static Path copy(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path out = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(p, out);
                }
            }
        }
        return target;
    }

    private SharedFixtures() {
    }
}
