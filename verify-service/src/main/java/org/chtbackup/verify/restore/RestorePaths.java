package org.chtbackup.verify.restore;

import java.nio.file.Path;

import org.chtbackup.contracts.manifest.FileEntry;

/** Where a manifest file lands under a target; refuses paths that would escape it (invariant 6). */
public final class RestorePaths {

    public static Path resolve(Path target, FileEntry file) {
        String path = file.path();
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")
                || path.contains("\0")) {
            throw new UnsafePathException(path, "it is absolute");
        }
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new UnsafePathException(path, "it contains '..'");
            }
        }
        Path base = target.toAbsolutePath().normalize().resolve(file.root().folder());
        Path resolved = base.resolve(path).normalize();
        if (!resolved.startsWith(base)) {
            throw new UnsafePathException(path, "it resolves outside " + base);
        }
        return resolved;
    }

    private RestorePaths() {
    }
}
