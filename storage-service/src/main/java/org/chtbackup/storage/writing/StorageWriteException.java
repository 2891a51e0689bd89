package org.chtbackup.storage.writing;

import java.util.List;

/** An object did not reach every location; the message lists each location's failure. */
public class StorageWriteException extends RuntimeException {

    public StorageWriteException(String objectKey, List<String> failures) {
        super(objectKey + " did not reach every location: " + String.join("; ", failures));
    }
}
