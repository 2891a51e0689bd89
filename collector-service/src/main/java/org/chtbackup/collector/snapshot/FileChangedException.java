package org.chtbackup.collector.snapshot;

/** A file kept changing while it was copied; the message names it (root folder and path, never contents). */
public class FileChangedException extends RuntimeException {

    public FileChangedException(String message) {
        super(message);
    }
}
