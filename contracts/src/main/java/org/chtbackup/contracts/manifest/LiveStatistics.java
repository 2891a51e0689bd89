package org.chtbackup.contracts.manifest;

import java.time.Instant;
import java.util.Map;

/** Per-database figures CouchDB answered over HTTP ({@code GET /{db}}) at {@code readAt}. */
public record LiveStatistics(Instant readAt, Map<String, DatabaseStatistics> databases) {

    public LiveStatistics {
        databases = Map.copyOf(databases);
    }

    /** One database: doc_count, doc_del_count and the opaque clustered update_seq. */
    public record DatabaseStatistics(long docCount, long docDelCount, String updateSeq) {
    }
}
