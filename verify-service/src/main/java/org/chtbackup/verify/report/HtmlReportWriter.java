package org.chtbackup.verify.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.events.DrillCompleted;

/** Writes {@code <dir>/<deployment>/<drillId>.html}: the drill as a page an auditor can read or print. */
public final class HtmlReportWriter {

    private final Path dir;

    public HtmlReportWriter(Path dir) {
        this.dir = dir;
    }

    public Path write(DrillCompleted drill) {
        return ReportFiles.write(dir, drill, "html", render(drill).getBytes(StandardCharsets.UTF_8));
    }

    public static String render(DrillCompleted d) {
        StringBuilder body = new StringBuilder("<table>\n");
        row(body, "Result", "<span class=\"" + d.result() + "\">" + d.result() + "</span>", false);
        row(body, "Deployment", d.deploymentId(), true);
        row(body, "Snapshot", d.snapshotId(), true);
        row(body, "Location", d.location(), true);
        row(body, "CouchDB version", d.couchdbVersion() == null ? "unknown" : d.couchdbVersion(), true);
        row(body, "Started", d.startedAt(), true);
        row(body, "Finished", d.finishedAt(), true);
        row(body, "Restore time (RTO)", seconds(d.restoreMillis()), true);
        row(body, "Files restored", d.files(), true);
        row(body, "Bytes restored", d.bytes(), true);
        row(body, "Drill id", d.drillId(), true);
        body.append("</table>\n");
        list(body, "Failures", d.failures());
        list(body, "Checks skipped", d.skipped());
        body.append("<h2>Phases</h2>\n<table><tr><th>phase</th><th>seconds</th></tr>\n");
        for (Map.Entry<String, Long> phase : d.phaseMillis().entrySet()) {
            body.append("<tr><td>").append(Html.escape(phase.getKey())).append("</td><td>")
                    .append(seconds(phase.getValue())).append("</td></tr>\n");
        }
        body.append("</table>\n<p>PASS means every check ran and passed: every object authenticated and decrypted,"
                + " every file's SHA-256 matched, every CouchDB file read soundly offline, counts agreed with the"
                + " live statistics and with a scratch CouchDB booted on the restored files. INCOMPLETE means"
                + " nothing failed but a check could not run (listed above). FAIL names what differed.</p>");
        return Html.page("Restore drill " + d.deploymentId() + " / " + d.location() + ": " + d.result(),
                body.toString());
    }

    private static void row(StringBuilder out, String name, Object value, boolean escape) {
        out.append("<tr><th>").append(name).append("</th><td>")
                .append(escape ? Html.escape(value) : value).append("</td></tr>\n");
    }

    private static void list(StringBuilder out, String title, List<String> items) {
        out.append("<h2>").append(title).append(" (").append(items.size()).append(")</h2>\n");
        if (items.isEmpty()) {
            out.append("<p>none</p>\n");
            return;
        }
        out.append("<ul>\n");
        items.forEach(i -> out.append("<li>").append(Html.escape(i)).append("</li>\n"));
        out.append("</ul>\n");
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
