package org.chtbackup.couchdb;

import java.util.List;

/**
 * One database across the shard files of a data directory. Counts are sums of each shard's id-tree
 * root reduction, so they equal what {@code GET /{db}} answered when the files were written.
 *
 * @param updateSeqSum sum of the shards' update_seq (the number in front of a clustered update_seq)
 * @param shards       shard files found for it
 * @param problems     damage in its files, shards missing or left over per the shard map
 * @param warnings     not damage, but worth seeing: shards that fell back to an older header (a copy
 *                     taken mid-write); their counts and update_seq are those of that header
 */
public record DatabaseSummary(
        String name, long docCount, long docDelCount, long updateSeqSum, int shards, List<Problem> problems,
        List<Problem> warnings) {

    /** Without warnings: the form before they were added. */
    public DatabaseSummary(String name, long docCount, long docDelCount, long updateSeqSum, int shards,
            List<Problem> problems) {
        this(name, docCount, docDelCount, updateSeqSum, shards, problems, List.of());
    }

    /** No problems; warnings do not count, as CouchDB opens those files as they are. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
