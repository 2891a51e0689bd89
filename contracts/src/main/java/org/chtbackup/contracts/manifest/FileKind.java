package org.chtbackup.contracts.manifest;

/** Why a file is in a snapshot; also the copy order, first to last. */
public enum FileKind {
    VIEW_INDEX,
    DATABASE,
    COUCHDB_OTHER,
    COUCHDB_CONFIG,
    COMPOSE,
    ENV,
    TLS
}
