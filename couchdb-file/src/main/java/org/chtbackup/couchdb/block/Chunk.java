package org.chtbackup.couchdb.block;

/**
 * One chunk as written by couch_file: its offset, its payload with block markers removed, and the
 * checksum that vouched for it (null when the chunk was written without one, as btree nodes are).
 */
public record Chunk(long offset, byte[] data, Checksum checksum, long end) {}
