package org.chtbackup.crypto.senders;

/** A part names a deployment with no registered sender key. Permanent: dead-lettered, never retried. */
public class UnregisteredSenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnregisteredSenderException(String message) {
        super(message);
    }
}
