package org.chtbackup.verify.scratch;

/** A launcher tried and CouchDB did not come up on the restored data: a drill failure, with what was seen. */
public class ScratchBootFailed extends Exception {

    public ScratchBootFailed(String reason, Throwable cause) {
        super(reason, cause);
    }
}
