package org.chtbackup.couchdb;

import java.nio.file.Path;

/**
 * Something wrong in a file, where it is, and what: never document content.
 *
 * @param offset byte offset in the file, -1 when the problem has no single place
 */
public record Problem(Path file, long offset, String message) {

    @Override
    public String toString() {
        return file + (offset >= 0 ? " @" + offset : "") + ": " + message;
    }
}
