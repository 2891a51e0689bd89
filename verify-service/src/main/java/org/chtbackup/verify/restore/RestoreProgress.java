package org.chtbackup.verify.restore;

/** Told how far a restore is, after each file; the restore tool draws a progress bar from it. */
@FunctionalInterface
public interface RestoreProgress {

    RestoreProgress NONE = (files, totalFiles, bytes, totalBytes) -> { };

    void update(int files, int totalFiles, long bytes, long totalBytes);
}
