package org.chtbackup.verify.scratch;

/** What {@code GET /{db}} answered: doc_count and doc_del_count. */
public record DatabaseCounts(long docCount, long docDelCount) {
}
