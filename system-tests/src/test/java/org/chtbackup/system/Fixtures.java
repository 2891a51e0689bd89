package org.chtbackup.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixtures folder ({@code shared/fixtures} beside the repository), found from the working dir. */
final class Fixtures {

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

    private Fixtures() {
    }
}
