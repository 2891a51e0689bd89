package org.chtbackup.collector.livestats;

/** CouchDB did not answer as expected; the message names the address and request, never credentials. */
public class LiveStatisticsException extends RuntimeException {

    public LiveStatisticsException(String message) {
        super(message);
    }

    public LiveStatisticsException(String message, Throwable cause) {
        super(message, cause);
    }
}
