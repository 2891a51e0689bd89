package org.chtbackup.contracts.manifest;

import java.util.List;

/**
 * The file list of a format-2 manifest, as compact UTF-8 JSON {@code {"files":[...]}} with entries exactly as in
 * format 1. Stored as ordinary chunks named by the {@link ManifestHead}, so it dedups like data.
 */
public record ManifestBody(List<FileEntry> files) {

    public ManifestBody {
        if (files == null) {
            throw new IllegalArgumentException("manifest body has no 'files'");
        }
        files = List.copyOf(files);
    }
}
