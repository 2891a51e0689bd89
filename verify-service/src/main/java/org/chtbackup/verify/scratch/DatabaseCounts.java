package org.chtbackup.verify.scratch;

/**
 * What {@code GET /{db}} answered: doc_count, doc_del_count and update_seq (a number from CouchDB 1.x, a string
 * whose leading number is the sum over shards from 2.x on; null when absent).
 */
public record DatabaseCounts(long docCount, long docDelCount, String updateSeq) {

    public DatabaseCounts(long docCount, long docDelCount) {
        this(docCount, docDelCount, null);
    }
}
