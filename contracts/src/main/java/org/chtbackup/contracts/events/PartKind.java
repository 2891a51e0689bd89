package org.chtbackup.contracts.events;

/**
 * What a snapshot part holds (event version 3). A pack carries many chunks, each a zstd frame; a pack list is one
 * bounded piece of the ids of every pack a snapshot needs (sent before its manifest, so no message grows with the
 * host); a manifest describes the snapshot and is sent last.
 *
 * <p>Versions 1 and 2 (JSON events of earlier builds) had kinds CHUNK and CHUNK_LIST: one object per chunk.
 */
public enum PartKind {
    /** Chunks packed together; object id: the pack id (64 hex digits). */
    PACK,
    /** Piece {@code n} of a snapshot's pack ids; object id {@code <manifestId>.<n>}. */
    PACK_LIST,
    /** The manifest head; object id {@code <manifestId>}. */
    MANIFEST
}
