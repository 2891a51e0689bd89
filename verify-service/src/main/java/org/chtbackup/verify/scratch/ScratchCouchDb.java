package org.chtbackup.verify.scratch;

import java.nio.file.Path;

/**
 * Boots a throw-away CouchDB on a restored data directory.
 *
 * <p>Contract: {@link #start} either returns a CouchDB answering {@code GET /_up} on a loopback port, or throws
 * {@link ScratchBootSkipped} when this launcher cannot run here at all (engine absent, image absent, not
 * installed; the drill then reports "scratch boot skipped", never PASS), or {@link ScratchBootFailed} when it
 * tried and CouchDB did not come up on the restored data (a drill failure). Whatever happens, nothing it started
 * outlives {@link Running#close()} or a failed start.
 */
public interface ScratchCouchDb {

    /** Short name for reports: {@code docker}, {@code process}. */
    String name();

    /**
     * @param dataDir        the restored CouchDB data directory (mounted or configured as CouchDB's data dir)
     * @param couchdbVersion the source's CouchDB version from the manifest, e.g. {@code 3.4.3}; may be null
     * @param nodeName       the source's Erlang node name, e.g. {@code couchdb@127.0.0.1}: the shard map names it
     */
    Running start(Path dataDir, String couchdbVersion, String nodeName) throws ScratchBootSkipped, ScratchBootFailed;

    /** A started CouchDB: where it answers and as whom. Closing stops and removes it. */
    interface Running extends AutoCloseable {

        CouchDbHttp http();

        /** What ran, for reports, e.g. {@code docker couchdb:3.4.3 container 1a2b3c}. */
        String description();

        @Override
        void close();
    }
}
