package org.chtbackup.verify.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.chtbackup.verify.restore.RestoreProgress;

/** A one-line progress bar redrawn in place: {@code [#####.....]  48%  12.3/25.6 MB  files 40/83}. */
final class ProgressBar implements RestoreProgress {

    private static final int WIDTH = 30;
    private final PrintWriter out;

    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void update(int files, int totalFiles, long bytes, long totalBytes) {
        double share = totalBytes == 0 ? 1.0 : (double) bytes / totalBytes;
        int filled = (int) Math.round(share * WIDTH);
        out.print(String.format(Locale.ROOT, "\r[%s%s] %3d%%  %.1f/%.1f MB  files %d/%d", "#".repeat(filled),
                ".".repeat(WIDTH - filled), Math.round(share * 100), bytes / 1e6, totalBytes / 1e6, files, totalFiles));
        if (files == totalFiles) {
            out.println();
        }
        out.flush();
    }
}
