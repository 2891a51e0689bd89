package org.chtbackup.couchdb;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a file's newest valid header (its last commit) sits, and what lies after it. CouchDB writes
 * a header last, so a file it committed ends right after one. Skipped headers or trailing bytes mean
 * the copy was taken mid-write (or its tail is damaged): CouchDB opens such a file at this header
 * too, so it is not damage, but the writes after it are not in the file.
 *
 * @param headerOffset   offset of the header in use
 * @param skippedHeaders newer header blocks that failed their checksum or did not decode
 * @param bytesAfter     bytes between the end of that header and the end of the file
 */
public record LastCommit(long headerOffset, int skippedHeaders, long bytesAfter) {

    /** True when the file does not end at its newest valid header. */
    public boolean fellBack() {
        return skippedHeaders > 0 || bytesAfter > 0;
    }

    /** One line for a report: where, how many headers skipped, how many bytes ignored. */
    public String describe() {
        return "last valid header at " + headerOffset + "; " + skippedHeaders + " newer header(s) skipped, "
                + bytesAfter + " byte(s) after it ignored";
    }

    /** The warning a report shows for {@code file}, or none when the file ends at its header. */
    public List<Problem> warnings(Path file) {
        if (!fellBack()) {
            return List.of();
        }
        return List.of(new Problem(file, headerOffset, describe()
                + " — CouchDB opens the file at this header too; writes after it are not in this copy"));
    }
}
