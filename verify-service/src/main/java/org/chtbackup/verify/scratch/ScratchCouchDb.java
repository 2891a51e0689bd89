package org.chtbackup.verify.scratch;

import java.nio.file.Path;
import java.util.List;

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

    /**
     * Boots one scratch node per source node, under the source's node names and on each node's restored data
     * directory, so that they join as the restored {@code _nodes} database says and serve the restored shard map.
     * Returns once every node answers and each lists all of them as connected; {@link Running#http()} is the first.
     *
     * @throws ScratchBootSkipped when this launcher cannot boot a cluster at all
     */
    default Running startCluster(List<ClusterNode> nodes, String couchdbVersion)
            throws ScratchBootSkipped, ScratchBootFailed {
        throw new ScratchBootSkipped("scratch boot skipped: the " + name() + " launcher does not boot a clustered"
                + " CouchDB; use the docker launcher for clustered hosts");
    }

    /** One node of a clustered source: its Erlang node name and its restored data directory. */
    record ClusterNode(String nodeName, Path dataDir) {
    }

    /** A started CouchDB: where it answers and as whom. Closing stops and removes it. */
    interface Running extends AutoCloseable {

        CouchDbHttp http();

        /** What ran, for reports, e.g. {@code docker couchdb:3.4.3 container 1a2b3c}. */
        String description();

        @Override
        void close();
    }
}
