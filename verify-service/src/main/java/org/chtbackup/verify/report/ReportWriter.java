package org.chtbackup.verify.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.chtbackup.contracts.events.DrillCompleted;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code <dir>/<deployment>/<drillId>.json}, atomically so a reader never sees half a report. */
public final class ReportWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path dir;

    public ReportWriter(Path dir) {
        this.dir = dir;
    }

    public Path write(DrillCompleted drill) {
        try {
            Path folder = Files.createDirectories(dir.resolve(drill.deploymentId()));
            Path file = folder.resolve(drill.drillId() + ".json");
            Path temp = Files.createTempFile(folder, ".report-", ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(drill));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing drill report under " + dir + " failed", e);
        }
    }
}
