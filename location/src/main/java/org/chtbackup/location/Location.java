package org.chtbackup.location;

import java.io.InputStream;
import java.util.List;

/**
 * A place that keeps objects under keys such as {@code clinic-7/chunks/ab/ab12…}.
 *
 * <p>Every failure is a {@link LocationException}: {@link LocationException#retryable()} says whether trying
 * again later can help (network, 5xx, timeouts) or not (credentials, missing bucket, missing object).
 */
public interface Location {

    /** The configured name, used in every message and report. */
    String name();

    /**
     * Stores {@code object} under {@code key} durably before returning. Idempotent: when an object is already
     * stored under that key nothing is written and false is returned (keys are content addresses).
     */
    boolean put(String key, byte[] object);

    /** Opens the object for streaming; the caller closes it. Throws {@link ObjectNotFoundException} if absent. */
    InputStream get(String key);

    /** Whether an object is stored under {@code key}. */
    boolean exists(String key);

    /** Every key under {@code prefix}, in lexical order. */
    List<String> list(String prefix);

    /** Removes the object; removing an absent object is not an error. */
    void delete(String key);

    /**
     * Does now what the first write would otherwise do first (an S3 location: create its bucket if absent, check that
     * it honours conditional puts), so that a service can do it at start. Not required: a write does it if not done.
     */
    default void prepare() {
    }
}
