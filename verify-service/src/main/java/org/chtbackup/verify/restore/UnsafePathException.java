package org.chtbackup.verify.restore;

/** A manifest path would write outside the restore target; the file is refused, nothing is written. */
public class UnsafePathException extends RuntimeException {

    public UnsafePathException(String path, String why) {
        super("manifest path '" + path + "' refused: " + why);
    }
}
