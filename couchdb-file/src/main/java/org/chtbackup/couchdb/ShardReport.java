package org.chtbackup.couchdb;

import java.nio.file.Path;
import java.util.List;

/**
 * One .couch file of a data directory.
 *
 * @param range  shard range ("00000000-7fffffff"), null for node-local files such as _dbs.couch
 * @param suffix shard suffix (".1795666429"), empty for node-local files
 * @param node   owner per the header's newest epoch, null when the file predates epochs
 * @param walk   the full walk, null when the walk was not asked for or the file did not open
 */
public record ShardReport(
        Path file, String database, String range, String suffix, int diskVersion, long updateSeq, long docCount,
        long docDelCount, String node, WalkCounts walk, List<Problem> problems) {}
