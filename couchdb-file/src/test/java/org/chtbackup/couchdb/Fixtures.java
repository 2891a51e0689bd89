package org.chtbackup.couchdb;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared fixtures: walks up from the working directory to the first {@code shared/fixtures}. */
public final class Fixtures {

    private Fixtures() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures above " + dir + ": clone the repo with shared/ beside it");
    }

    public static Path couchdb(String name) {
        return root().resolve("couchdb").resolve(name);
    }

    public static Path chtDataDir() {
        return root().resolve("cht-host/home/ubuntu/cht/couchdb");
    }

    public static Path largeShard() {
        return root().resolve("couchdb-large/medic.1795667424.couch");
    }
}
