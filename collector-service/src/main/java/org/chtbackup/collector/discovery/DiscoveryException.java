package org.chtbackup.collector.discovery;

/** The host is not a CHT 4.x host as configured; the message names what is missing and where. */
public class DiscoveryException extends RuntimeException {

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
