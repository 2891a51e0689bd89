package org.chtbackup.crypto.encryption;

/**
 * A part opened but cannot be turned into an object (for example a manifest that is not a JSON object).
 * Permanent: dead-letter, do not retry. Messages name the part, never its content.
 */
public class PartRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PartRejectedException(String message) {
        super(message);
    }
}
