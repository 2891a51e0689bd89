package org.chtbackup.storage.writing;

import java.util.List;

/**
 * What happened to one object in one location.
 *
 * @param stored  true when the object is now in the location
 * @param missing for a manifest that was not written: the chunk keys (and chunk list pieces) the location lacks
 * @param chunks  for a manifest: how many chunk keys it names, through its pieces too
 */
public record Placement(boolean stored, List<String> missing, int chunks) {

    static final Placement STORED = new Placement(true, List.of(), 0);

    static Placement stored(int chunks) {
        return new Placement(true, List.of(), chunks);
    }

    static Placement waiting(List<String> missing) {
        return new Placement(false, missing, 0);
    }
}
