package org.chtbackup.storage.writing;

import java.util.List;

/**
 * A manifest arrived before (or without) some of its chunks, or pieces of its chunk list, in a location: the
 * manifest is not written.
 */
public class MissingChunksException extends RuntimeException {

    public MissingChunksException(String location, String manifestKey, List<String> missing) {
        super("location '" + location + "' lacks " + missing.size() + " pack(s) or list piece(s) named by " + manifestKey
                + ", first " + missing.get(0) + ": manifest not written");
    }
}
