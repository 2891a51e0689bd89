package org.chtbackup.couchdb.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.chtbackup.couchdb.block.CouchFormatException;

/**
 * Turns an exception into the one line a command prints for it (file, offset where known, reason)
 * and the exit code it means. Messages come from this module's readers, which name kinds of terms,
 * never their content.
 */
final class Failure {

    private Failure() {}

    /** Prints the line for {@code e} on {@code err}, prefixed by {@code context} when not null. */
    static int print(PrintWriter err, String context, Path subject, Exception e) {
        err.println((context == null ? "" : context + ": ") + line(subject, e));
        return code(e);
    }

    static String line(Path subject, Exception e) {
        if (e instanceof CouchFormatException c) {
            return where(c.file() == null ? subject : c.file(), c.offset()) + ": " + CouchFileCli.oneLine(c.reason());
        }
        if (e instanceof NoSuchFileException n) {
            return file(n, subject) + ": not found";
        }
        if (e instanceof AccessDeniedException a) {
            return file(a, subject) + ": permission denied";
        }
        if (e instanceof FileSystemException f) {
            return file(f, subject) + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : CouchFileCli.oneLine(e.getMessage());
        return subject + ": " + message;
    }

    static int code(Exception e) {
        return e instanceof NoSuchFileException ? CouchFileCli.NOT_FOUND : CouchFileCli.DAMAGE;
    }

    static String where(Path file, long offset) {
        return file + (offset >= 0 ? " @" + offset : "");
    }

    private static String file(FileSystemException e, Path subject) {
        return e.getFile() == null ? String.valueOf(subject) : e.getFile();
    }
}
