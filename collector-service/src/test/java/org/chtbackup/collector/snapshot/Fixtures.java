package org.chtbackup.collector.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shared fixtures, found by walking up from the working directory (CI clones shared/ beside the repo). */
public final class Fixtures {

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures above " + Path.of("").toAbsolutePath());
    }

    public static Path chtHost() {
        return root().resolve("cht-host");
    }

    /** A writable copy of the cht-host fixture, for tests that change files. */
    public static Path chtHostCopy(Path target) throws IOException {
        Path source = chtHost();
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

    private Fixtures() {
    }
}
