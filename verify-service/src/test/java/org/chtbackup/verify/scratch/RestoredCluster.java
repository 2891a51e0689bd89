package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chtbackup.contracts.testing.SharedFixtures;

/** The cluster fixture's three node folders, as a drill restores them under {@code couchdb-data/}. */
final class RestoredCluster {

    static final List<String> NODES =
            List.of("couchdb@couchdb-1.local", "couchdb@couchdb-2.local", "couchdb@couchdb-3.local");

    private RestoredCluster() {
    }

    /** Copies the fixture under {@code dir/couchdb-data}; node {@code i} is folder {@code db<i>}. */
    static List<ScratchCouchDb.ClusterNode> in(Path dir) throws IOException {
        Path data = SharedFixtures.clusterCopy(dir.resolve("couchdb-data"));
        List<ScratchCouchDb.ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < NODES.size(); i++) {
            nodes.add(new ScratchCouchDb.ClusterNode(NODES.get(i), data.resolve("db" + (i + 1))));
        }
        return nodes;
    }
}
