package org.chtbackup.collector.snapshot;

import java.time.Instant;
import java.util.Map;

import org.chtbackup.collector.discovery.CouchDbEndpoint;

/**
 * The snapshot this process started last, whoever asked for it: when, which CouchDB it found, and each database's
 * update_seq read just before the copy (empty when CouchDB could not be read). What a change-driven schedule
 * compares CouchDB with.
 *
 * @param couchdb null when the host's CouchDB was not found
 */
public record LastRun(Instant started, CouchDbEndpoint couchdb, Map<String, String> sequencesBefore) {

    public LastRun {
        sequencesBefore = Map.copyOf(sequencesBefore);
    }
}
