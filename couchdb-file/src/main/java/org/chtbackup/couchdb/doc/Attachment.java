package org.chtbackup.couchdb.doc;

import java.util.Base64;
import java.util.List;

/**
 * An attachment as its document revision stores it.
 *
 * @param length     bytes as stored (att_len; compressed size when encoding is gzip)
 * @param diskLength bytes once decoded (disk_len, the identity length)
 * @param md5        MD5 of the stored bytes, empty when the file predates digests
 * @param encoding   "identity" or "gzip"
 * @param chunks     offsets of the stream's chunks, in order
 */
public record Attachment(
        String name, String contentType, long length, long diskLength, long revpos, byte[] md5, String encoding,
        List<Long> chunks) {

    /** The digest as CouchDB shows it: "md5-" and base64 of the stored bytes' MD5. */
    public String digest() {
        return md5.length == 0 ? null : "md5-" + Base64.getEncoder().encodeToString(md5);
    }

    public boolean gzipped() {
        return "gzip".equals(encoding);
    }

    @Override
    public String toString() {
        return "Attachment[name=" + name + ", type=" + contentType + ", length=" + length + ", diskLength=" + diskLength
                + ", encoding=" + encoding + ", digest=" + digest() + ", chunks=" + chunks.size() + "]";
    }
}
