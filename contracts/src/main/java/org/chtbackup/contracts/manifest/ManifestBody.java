package org.chtbackup.contracts.manifest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of a manifest of format 2 or 3, as compact UTF-8 JSON. {@code files} are entries exactly as in format 1.
 * Format 3 adds {@code packs}: for every pack holding a chunk the files name, the chunks it holds as
 * {@code [chunk id, offset, length]} in the pack's decompressed content (see
 * {@link org.chtbackup.contracts.packs.ChunkLocation}). Stored as
 * ordinary chunks named by the {@link ManifestHead}, so it dedups like data.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ManifestBody(List<FileEntry> files, List<Pack> packs) {

    public ManifestBody {
        if (files == null) {
            throw new IllegalArgumentException("manifest body has no 'files'");
        }
        files = List.copyOf(files);
        packs = packs == null ? List.of() : List.copyOf(packs);
    }

    /** One pack and the chunks of this snapshot it holds. */
    public record Pack(String id, List<Slot> chunks) {

        public Pack {
            if (id == null || chunks == null) {
                throw new IllegalArgumentException("a pack in a manifest body needs 'id' and 'chunks'");
            }
            chunks = List.copyOf(chunks);
        }
    }

    /** Where a chunk lies in its pack; written as a JSON array, since a large host has millions of them. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    public record Slot(String chunk, long offset, int length) {
    }
}
