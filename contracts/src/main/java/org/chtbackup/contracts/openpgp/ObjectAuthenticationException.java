package org.chtbackup.contracts.openpgp;

/**
 * An object failed to decrypt or authenticate: not encrypted to any configured key, truncated,
 * tampered with (MDC or signature mismatch), unsigned, or signed by a key that is not trusted.
 *
 * <p>Permanent for that object: fetching the same bytes again will fail again, so report it rather
 * than retry. Messages name what failed and key ids or fingerprints (public), never key material or
 * plaintext.
 */
public class ObjectAuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ObjectAuthenticationException(String message) {
        super(message);
    }

    public ObjectAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
