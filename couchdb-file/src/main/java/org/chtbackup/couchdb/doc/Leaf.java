package org.chtbackup.couchdb.doc;

import java.util.HexFormat;

/**
 * A leaf of a revision tree.
 *
 * @param pos     the revision's generation (the N in N-abc...)
 * @param revId   the revision id bytes (16 for every rev CouchDB generates)
 * @param pointer offset of the {Body, Atts} summary, -1 when the body is missing (stemmed)
 * @param seq     update sequence of this revision, -1 when unknown
 */
public record Leaf(long pos, byte[] revId, boolean deleted, long pointer, long seq) {

    /** couch_doc:rev_to_str/1: hex for 16-byte ids, the bytes as text otherwise. */
    public String rev() {
        String id = revId.length == 16
                ? HexFormat.of().formatHex(revId)
                : new String(revId, java.nio.charset.StandardCharsets.UTF_8);
        return pos + "-" + id;
    }

    public boolean hasBody() {
        return pointer >= 0;
    }
}
