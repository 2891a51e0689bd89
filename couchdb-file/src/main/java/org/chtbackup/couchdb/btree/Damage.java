package org.chtbackup.couchdb.btree;

/** Something wrong at a file offset, found while reading a tree. */
public record Damage(long offset, String message) {}
