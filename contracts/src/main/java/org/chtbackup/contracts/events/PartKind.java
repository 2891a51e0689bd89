package org.chtbackup.contracts.events;

/**
 * What a snapshot part holds. Chunks are content-addressed; a chunk list is one bounded piece of the ids of
 * every chunk a snapshot names (sent before its manifest, so no message grows with the host); a manifest
 * describes the snapshot and is sent last.
 */
public enum PartKind {
    CHUNK,
    MANIFEST,
    /** Added with event version 2: piece {@code n} of a snapshot's chunk ids, object id {@code <manifestId>.<n>}. */
    CHUNK_LIST
}
