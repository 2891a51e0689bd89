package org.chtbackup.couchdb.term;

/**
 * A payload that does not decode, or a term that does not have the shape a layer expects. Unchecked
 * because the layer that knows the file offset catches it and reports it with that offset.
 */
public class TermException extends RuntimeException {
    public TermException(String message) {
        super(message);
    }

    public TermException(String message, Throwable cause) {
        super(message, cause);
    }
}
