package org.chtbackup.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared fixtures folder ({@code shared/fixtures} beside the repository), found from the working directory. */
final class Fixtures {

    /** Strings in the fixture host's files that must never reach Kafka in the clear: document ids, .env values, a TLS key. */
    static final List<String> MARKERS = List.of("form:pregnancy", "form:delivery", "org.couchdb.user:chw1",
            "_local/sentinel-meta-data", "fixture-password-not-secret", "3c0c3eee61a8a4f2d26ae9b7c2a4a1f0",
            "BEGIN PRIVATE KEY");

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures beside the repository: clone it next to shared/");
    }

    static Path chtHost() {
        return root().resolve("cht-host");
    }

    static Path largeCouchFile() {
        return root().resolve("couchdb-large/medic.1795667424.couch");
    }

    private Fixtures() {
    }
}
