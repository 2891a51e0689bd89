package org.chtbackup.contracts.manifest;

/**
 * The places on a CHT host a snapshot copies from, and the folder each is restored to under a target.
 */
public enum Root {
    /** {@code COUCHDB_DATA}: the CouchDB data directory. */
    COUCHDB_DATA("couchdb-data"),
    /** {@code CHT_COMPOSE_PATH}: the CHT compose files. */
    COMPOSE("compose"),
    /** The upgrade service folder holding {@code .env} and its compose file. */
    UPGRADE_SERVICE("upgrade-service"),
    /** {@code /opt/couchdb/etc/local.d/} from the cht-credentials volume. */
    COUCHDB_CONFIG("couchdb-local.d"),
    /** {@code /etc/nginx/private/} from the nginx container: TLS certificate and key. */
    TLS("nginx-private");

    private final String folder;

    Root(String folder) {
        this.folder = folder;
    }

    /** The folder name under a restore target; stable, part of the on-disk format. */
    public String folder() {
        return folder;
    }
}
