package org.chtbackup.location;

/**
 * A location could not do what was asked. Messages name the location, the operation and the key, and say
 * what to check; they never contain credentials or object contents.
 */
public class LocationException extends RuntimeException {

    private final boolean retryable;

    public LocationException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when the same call may succeed later (location down, timeout, 5xx). */
    public boolean retryable() {
        return retryable;
    }
}
