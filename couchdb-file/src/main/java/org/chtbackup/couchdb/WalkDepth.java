package org.chtbackup.couchdb;

/** How far a walk reads. */
public enum WalkDepth {
    /** Every btree node of every tree: structure and counts. */
    TREES,
    /** Also every stored revision body (checksum, decompression, JSON) and every attachment digest. */
    BODIES
}
