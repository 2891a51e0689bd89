package org.chtbackup.couchdb;

import java.util.List;

/**
 * What a full walk of a .couch file counted, next to what its root reductions claim.
 *
 * @param docCount        live documents found in the id tree
 * @param docDelCount     deleted documents found in the id tree
 * @param claimedDocCount what the id tree's root reduction says (the figure CouchDB reports)
 * @param claimedDocDelCount likewise for deleted documents
 * @param seqCount        entries in the seq tree (must equal docCount + docDelCount)
 * @param localDocs       _local documents
 * @param purgeCount      entries in the purge tree (v7+), 0 otherwise
 * @param idTreeDepth     levels of the id tree (1 = a single kv_node root)
 * @param bodies          revision bodies read and verified (0 for {@link WalkDepth#TREES})
 * @param attachments     attachment streams read and checked against their digests
 * @param problems        every damage found, each with its offset; empty for a good file
 */
public record WalkCounts(
        long docCount,
        long docDelCount,
        long claimedDocCount,
        long claimedDocDelCount,
        long seqCount,
        long localDocs,
        long purgeCount,
        int idTreeDepth,
        int seqTreeDepth,
        long nodes,
        long bodies,
        long bodyBytes,
        long attachments,
        long attachmentBytes,
        WalkDepth depth,
        List<Problem> problems) {

    public boolean ok() {
        return problems.isEmpty();
    }
}
