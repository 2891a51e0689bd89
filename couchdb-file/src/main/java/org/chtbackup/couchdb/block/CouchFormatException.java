package org.chtbackup.couchdb.block;

import java.io.IOException;
import java.nio.file.Path;

/** A CouchDB file is not what its format promises at a given offset: the one error root of this module. */
public class CouchFormatException extends IOException {

    private final transient Path file;
    private final long offset;

    public CouchFormatException(Path file, long offset, String message) {
        this(file, offset, message, null);
    }

    public CouchFormatException(Path file, long offset, String message, Throwable cause) {
        super(file + " at offset " + offset + ": " + message, cause);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    /** The message without the file and offset prefix, for reports that print those separately. */
    public String reason() {
        String full = getMessage();
        int colon = full.indexOf(": ", String.valueOf(file).length());
        return colon < 0 ? full : full.substring(colon + 2);
    }
}
