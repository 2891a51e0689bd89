package org.chtbackup.couchdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the repository's {@code fixtures/} folder by walking up from the working directory to the checkout. */
public final class Fixtures {

    private Fixtures() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("fixtures"))) {
                return p.resolve("fixtures");
            }
        }
        throw new IllegalStateException("no fixtures/ in a checkout above " + dir);
    }

    public static Path couchdb(String name) {
        return root().resolve("couchdb").resolve(name);
    }

    /** Three nodes' data directories, {@code db1..db3}, written by {@link ClusterFixture}. */
    public static Path cluster() {
        return root().resolve("couchdb-cluster");
    }

    /** A writable copy of {@link #cluster()} at {@code target}. */
    public static Path clusterCopy(Path target) throws IOException {
        try (Stream<Path> all = Files.walk(cluster())) {
            for (Path p : all.toList()) {
                Path to = target.resolve(cluster().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    public static Path chtDataDir() {
        return root().resolve("cht-host/home/ubuntu/cht/couchdb");
    }

    /** A large real shard, not kept in the repository: {@code -Dcht.large-shard=<file>} (profile large-fixtures). */
    public static Path largeShard() {
        String path = System.getProperty("cht.large-shard", System.getenv("CHT_LARGE_SHARD"));
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("LargeShardTest needs -Dcht.large-shard=/path/to/medic.1795667424.couch");
        }
        return Path.of(path);
    }
}
