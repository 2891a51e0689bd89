package org.chtbackup.storage.writing;

import org.chtbackup.contracts.events.ObjectEncrypted;

/**
 * A durable queue, per location, of objects that did not reach it yet. {@link #append} returns only once the
 * object is durably queued (so the incoming record may be committed) and throws otherwise.
 */
public interface Backlog {

    /** Queues {@code object} for {@code location}; {@code attempt} counts how often it was queued already. */
    void append(String location, ObjectEncrypted object, int attempt);
}
