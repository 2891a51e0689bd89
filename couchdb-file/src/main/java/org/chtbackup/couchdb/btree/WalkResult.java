package org.chtbackup.couchdb.btree;

import java.util.List;

/**
 * What a full walk of one tree found.
 *
 * @param counted  counts recomputed from every leaf entry reached
 * @param claimed  counts the root reduction claims (empty for an empty tree)
 * @param entries  leaf entries visited
 * @param depth    levels from root to leaves (1 when the root is a kv_node, 0 for an empty tree)
 * @param damages  unreadable nodes, out-of-order keys, reductions that disagree with their children
 */
public record WalkResult(long[] counted, long[] claimed, long entries, long nodes, int depth, List<Damage> damages) {}
