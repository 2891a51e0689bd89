package org.chtbackup.contracts.events;

/** What a snapshot part holds. Chunks are content-addressed; a manifest names every chunk of a snapshot. */
public enum PartKind {
    CHUNK,
    MANIFEST
}
