package org.chtbackup.verify.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.chtbackup.contracts.events.DrillCompleted;

/** Where a drill's report files go ({@code <dir>/<deployment>/<drillId>.<ext>}), written atomically. */
final class ReportFiles {

    static Path write(Path dir, DrillCompleted drill, String extension, byte[] content) {
        try {
            Path folder = Files.createDirectories(dir.resolve(drill.deploymentId()));
            Path file = folder.resolve(drill.drillId() + "." + extension);
            Path temp = Files.createTempFile(folder, ".report-", ".tmp");
            Files.write(temp, content);
            // A reader (fleet page, auditor, local stack) never sees half a report.
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the " + extension + " report of drill " + drill.drillId()
                    + " under " + dir + " failed", e);
        }
    }

    private ReportFiles() {
    }
}
