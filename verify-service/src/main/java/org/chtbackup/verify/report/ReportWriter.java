package org.chtbackup.verify.report;

import java.nio.file.Path;

import org.chtbackup.contracts.events.DrillCompleted;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code <dir>/<deployment>/<drillId>.json}, atomically so a reader never sees half a report, then its
 * detached signature {@code <drillId>.json.asc} ({@link ReportSigner}).
 */
public final class ReportWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path dir;
    private final ReportSigner signer;

    public ReportWriter(Path dir, ReportSigner signer) {
        this.dir = dir;
        this.signer = signer;
    }

    public Path write(DrillCompleted drill) {
        byte[] json = JSON.writeValueAsBytes(drill);
        Path file = ReportFiles.write(dir, drill, "json", json);
        ReportFiles.write(dir, drill, "json.asc", signer.sign(json));
        return file;
    }
}
