/**
 * The cluster's shard map as mem3 keeps it in {@code _dbs.couch} (database → shard suffix →
 * ranges → nodes), and the file names it implies under {@code shards/}.
 */
package org.chtbackup.couchdb.shardmap;
