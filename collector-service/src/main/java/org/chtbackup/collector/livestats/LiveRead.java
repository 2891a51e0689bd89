package org.chtbackup.collector.livestats;

import org.chtbackup.contracts.manifest.LiveStatistics;

/**
 * One reading of a live CouchDB: its version and node name (null when the server does not say, e.g.
 * pouchdb-server has no {@code _membership}) and the per-database statistics.
 */
public record LiveRead(String couchdbVersion, String nodeName, LiveStatistics statistics) {
}
