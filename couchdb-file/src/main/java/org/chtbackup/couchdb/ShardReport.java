package org.chtbackup.couchdb;

import java.nio.file.Path;
import java.util.List;

/**
 * One .couch file of a data directory.
 *
 * @param range      shard range ("00000000-7fffffff"), null for node-local files such as _dbs.couch
 * @param suffix     shard suffix (".1795666429"), empty for node-local files
 * @param node       owner per the header's newest epoch, null when the file predates epochs
 * @param walk       the full walk, null when the walk was not asked for or the file did not open
 * @param lastCommit the header in use and what follows it, null when the file did not open
 */
public record ShardReport(
        Path file, String database, String range, String suffix, int diskVersion, long updateSeq, long docCount,
        long docDelCount, String node, WalkCounts walk, List<Problem> problems, LastCommit lastCommit) {

    /** The form before {@code lastCommit} was added; the report then shows no fallback. */
    public ShardReport(Path file, String database, String range, String suffix, int diskVersion, long updateSeq,
            long docCount, long docDelCount, String node, WalkCounts walk, List<Problem> problems) {
        this(file, database, range, suffix, diskVersion, updateSeq, docCount, docDelCount, node, walk, problems, null);
    }

    /** Not damage, but a report must show it: the file fell back to an older header or has uncommitted bytes. */
    public List<Problem> warnings() {
        return lastCommit == null ? List.of() : lastCommit.warnings(file);
    }
}
