package org.chtbackup.contracts.sealing;

/**
 * A sealed payload did not open: truncated, unknown version, modified, sealed for another context
 * (AAD) or to another key. Permanent for that payload: send it to the dead-letter topic, do not
 * retry. Messages never contain payload bytes or key material.
 */
public class SealedPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SealedPayloadException(String message) {
        super(message);
    }

    public SealedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
