package org.chtbackup.couchdb.doc;

import java.util.List;

/**
 * One document at its winning revision.
 *
 * @param seq       update sequence of the document
 * @param bodyJson  the body as JSON (without _id, _rev or other underscore metadata); null when
 *                  the winning revision's body is missing. Never log it: it may hold health data.
 */
public record Document(
        String id, String rev, boolean deleted, long seq, List<String> conflicts, List<String> deletedConflicts,
        String bodyJson, List<Attachment> attachments) {

    public boolean isLocal() {
        return id.startsWith("_local/");
    }

    /** Leaves the body out on purpose. */
    @Override
    public String toString() {
        return "Document[id=" + id + ", rev=" + rev + ", deleted=" + deleted + ", seq=" + seq
                + ", conflicts=" + conflicts + ", attachments=" + attachments.stream().map(Attachment::name).toList()
                + ", body=" + (bodyJson == null ? "missing" : bodyJson.length() + " chars") + "]";
    }
}
