package org.chtbackup.storage.writing;

import java.util.List;

/**
 * What happened to one object in one location.
 *
 * @param stored  true when the object is now in the location
 * @param missing for a manifest that was not written: the chunk keys the location still lacks
 */
public record Placement(boolean stored, List<String> missing) {

    static final Placement STORED = new Placement(true, List.of());

    static Placement waiting(List<String> missing) {
        return new Placement(false, missing);
    }
}
