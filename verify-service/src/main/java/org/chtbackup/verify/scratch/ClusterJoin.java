package org.chtbackup.verify.scratch;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Waits until a scratch cluster has joined: every node lists every node as connected in {@code GET /_membership}
 * ({@code all_nodes}), and every node its restored {@code _nodes} database lists ({@code cluster_nodes}) is one
 * that was booted, so no shard placed on a missing node goes unnoticed.
 * Erlang connects on first use, so each round also asks each node not yet joined for its databases' info, which
 * reaches the shard copies on the others.
 */
final class ClusterJoin {

    /** Throws when node {@code index} has exited, so a dead node fails the wait at once. */
    interface Liveness {
        void check(int index) throws ScratchBootFailed;
    }

    private ClusterJoin() {
    }

    static void await(List<CouchDbHttp> nodes, List<String> names, Duration timeout, Liveness alive)
            throws ScratchBootFailed {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastSeen = "";
        try {
            while (System.nanoTime() < deadline) {
                boolean joined = true;
                for (int i = 0; i < nodes.size(); i++) {
                    alive.check(i);
                    CouchDbHttp.Membership membership;
                    try {
                        membership = nodes.get(i).membership();
                    } catch (IOException e) {
                        // a live node that drops one poll (busy booting, a reset connection) is asked again;
                        // a dead one fails the liveness check above, and one that never answers, the deadline
                        joined = false;
                        lastSeen = "GET /_membership on " + names.get(i) + " failed: " + e.getMessage();
                        continue;
                    }
                    if (!membership.allNodes().containsAll(names) || !names.containsAll(membership.clusterNodes())) {
                        joined = false;
                        lastSeen = names.get(i) + " is connected to " + membership.allNodes() + " and its _nodes lists "
                                + membership.clusterNodes();
                        nudge(nodes.get(i));
                    }
                }
                if (joined) {
                    return;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScratchBootFailed("interrupted while waiting for the scratch cluster to join", e);
        }
        throw new ScratchBootFailed("scratch CouchDB cluster did not join within " + timeout.toSeconds() + " s ("
                + lastSeen + "; booted " + names + "): check the node names in the restored _nodes database"
                + " against the node folders and the shard map, or raise verify.scratch.boot-timeout", null);
    }

    private static void nudge(CouchDbHttp http) {
        try {
            for (String db : http.allDbs()) {
                http.counts(db);
            }
        } catch (IOException | RuntimeException e) {
            // only a nudge: the membership poll decides
        }
    }
}
