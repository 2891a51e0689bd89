package org.chtbackup.contracts.manifest;

import java.time.Instant;
import java.util.List;

/**
 * One file of a snapshot. {@code root} names where it belongs on a CHT host ({@link Root}); {@code path} is
 * relative to that root, with '/' separators, and is refused on restore if it escapes it.
 */
public record FileEntry(
        Root root,
        String path,
        FileKind kind,
        long size,
        int mode,
        Instant modified,
        String sha256,
        List<String> chunks) {

    public FileEntry {
        if (root == null || path == null || path.isEmpty() || kind == null || sha256 == null) {
            throw new IllegalArgumentException("file entry needs root, path, kind and sha256 (path '" + path + "')");
        }
        chunks = List.copyOf(chunks);
    }
}
