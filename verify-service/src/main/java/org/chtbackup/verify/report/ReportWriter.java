package org.chtbackup.verify.report;

import java.nio.file.Path;

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
        return ReportFiles.write(dir, drill, "json", JSON.writeValueAsBytes(drill));
    }
}
