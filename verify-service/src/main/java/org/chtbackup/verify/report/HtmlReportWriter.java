package org.chtbackup.verify.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.events.DrillCompleted.DatabaseComparison;
import org.chtbackup.contracts.events.DrillCompleted.Figures;

/**
 * Writes {@code <dir>/<deployment>/<drillId>.html}: the drill as a page an auditor can read or print. Every value
 * goes through {@link Html#escape}; only the fixed markup of this class is written raw.
 */
public final class HtmlReportWriter {

    private final Path dir;
    private final String signer;

    /** @param signer fingerprint of the key that signs the JSON reports ({@link ReportSigner}) */
    public HtmlReportWriter(Path dir, String signer) {
        this.dir = dir;
        this.signer = signer;
    }

    public Path write(DrillCompleted drill) {
        return ReportFiles.write(dir, drill, "html", render(drill, signer).getBytes(StandardCharsets.UTF_8));
    }

    public static String render(DrillCompleted d) {
        return render(d, null);
    }

    /** @param signer fingerprint of the key that signed the JSON report; null when it is not signed */
    public static String render(DrillCompleted d, String signer) {
        StringBuilder body = new StringBuilder("<table>\n");
        row(body, "Drill result", verdict(d.result()));
        row(body, "Restore", d.restore() == null ? "not recorded (report of an earlier version)"
                : verdict(d.restore()) + (d.restore() == DrillCompleted.Result.PASS
                ? " — every object authenticated and decrypted, every file's SHA-256 matched the manifest"
                : " — the bytes did not all come back intact (see failures)"));
        row(body, "Deployment", Html.escape(d.deploymentId()));
        row(body, "Snapshot", Html.escape(d.snapshotId()));
        row(body, "Manifest", d.manifestKey() == null ? "not recorded (report of an earlier version)"
                : "<code>" + Html.escape(d.manifestKey()) + "</code>, SHA-256 of the object as stored: <code>"
                + Html.escape(d.manifestSha256() == null ? "not read" : d.manifestSha256())
                + "</code> (<code>sha256sum</code> of that file in the location prints the same)");
        row(body, "Location", Html.escape(d.location()));
        row(body, "CouchDB version", Html.escape(d.couchdbVersion() == null ? "unknown" : d.couchdbVersion()));
        row(body, "Started", Html.escape(d.startedAt()));
        row(body, "Finished", Html.escape(d.finishedAt()));
        row(body, "Restore time (files back, SHA-256 checked)",
                d.filesRestoredMillis() == null ? "not measured" : seconds(d.filesRestoredMillis()));
        row(body, "Scratch CouchDB answered GET /_up after", d.scratchBootMillis() == null ? "no scratch CouchDB booted"
                : seconds(d.scratchBootMillis()) + " (" + Html.escape(d.scratchCouchDb()) + ")");
        row(body, "Drill wall time (measured RTO)", seconds(d.restoreMillis()));
        row(body, "Files restored", Html.escape(d.files()));
        row(body, "Bytes restored", Html.escape(d.bytes()));
        row(body, "Drill id", Html.escape(d.drillId()));
        body.append("</table>\n");
        databases(body, d.databases());
        list(body, "Failures", d.failures());
        list(body, "Checks skipped", d.skipped());
        if (d.scratchBootMillis() == null && d.skipped().stream().anyMatch(s -> s.contains("scratch boot skipped"))) {
            body.append("<p>To run the scratch CouchDB check, give verify a CouchDB of the snapshot's version: load the"
                    + " image <code>couchdb:").append(d.couchdbVersion() == null ? "&lt;version&gt;"
                    : Html.escape(d.couchdbVersion())).append("</code> on its Docker engine (verify never pulls), or set"
                    + " <code>verify.scratch.couchdb-install-dir</code> to an Apache CouchDB installation.</p>\n");
        }
        body.append("<h2>Phases</h2>\n<table><tr><th>phase</th><th>seconds</th></tr>\n");
        for (Map.Entry<String, Long> phase : d.phaseMillis().entrySet()) {
            body.append("<tr><td>").append(Html.escape(phase.getKey())).append("</td><td>")
                    .append(seconds(phase.getValue())).append("</td></tr>\n");
        }
        body.append("</table>\n<p>PASS means every check ran and passed: every object authenticated and decrypted,"
                + " every file's SHA-256 matched, every CouchDB file read soundly offline, counts agreed with the"
                + " live statistics and with a scratch CouchDB booted on the restored files. INCOMPLETE means"
                + " nothing failed but a check could not run (listed above). FAIL names what differed. User"
                + " databases appear as <code>medic-user-#&lt;label&gt;-meta</code> (a keyed hash, the same in every"
                + " report) and document ids are withheld.</p>");
        if (signer != null) {
            String json = Html.escape(d.drillId()) + ".json";
            body.append("\n<h2>Signature</h2>\n<p>The machine-readable report <code>").append(json)
                    .append("</code> is signed by this verify's OpenPGP key <code>").append(Html.escape(signer))
                    .append("</code> (<code>").append(json).append(".asc</code> beside it; the public key is <code>")
                    .append(ReportSigner.PUBLIC_FILE).append("</code> at the top of the report folder). Check it with"
                    + " stock gpg, without cht-backup:</p>\n<pre>gpg --import ").append(ReportSigner.PUBLIC_FILE)
                    .append("\ngpg --verify ").append(json).append(".asc ").append(json).append("</pre>\n");
        }
        return Html.page("Restore drill " + d.deploymentId() + " / " + d.location() + ": " + d.result(),
                body.toString());
    }

    private static void databases(StringBuilder out, List<DatabaseComparison> rows) {
        out.append("<h2>Databases (").append(rows.size()).append(")</h2>\n");
        if (rows.isEmpty()) {
            out.append("<p>none compared</p>\n");
            return;
        }
        out.append("<p>Figures are doc_count / doc_del_count / update_seq. Live figures were read over HTTP just"
                + " before and after the copy; restored figures are the restored files' own, read offline; scratch"
                + " figures are what a CouchDB booted on the restored files answered.</p>\n<table>\n<tr><th>database"
                + "</th><th>verdict</th><th>live before</th><th>live after</th><th>restored files</th>"
                + "<th>scratch CouchDB</th><th>why</th></tr>\n");
        for (DatabaseComparison db : rows) {
            out.append("<tr><td>").append(Html.escape(db.name())).append("</td><td>").append(verdict(db.verdict()))
                    .append("</td>").append(figures(db.liveBefore())).append(figures(db.liveAfter()))
                    .append(figures(db.restored())).append(figures(db.scratch())).append("<td>")
                    .append(Html.escape(String.join("; ", db.reasons()))).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static String figures(Figures f) {
        if (f == null) {
            return "<td>—</td>";
        }
        String seq = f.updateSeq() == null ? "—" : f.updateSeq().replaceFirst("-.*", "");
        return "<td title=\"" + Html.escape(f.updateSeq() == null ? "" : "update_seq " + f.updateSeq()) + "\">"
                + Html.escape(f.docCount() + " / " + (f.docDelCount() < 0 ? "?" : f.docDelCount()) + " / " + seq)
                + "</td>";
    }

    private static String verdict(DrillCompleted.Result result) {
        return "<span class=\"" + result + "\">" + result + "</span>";
    }

    /** {@code value} is markup built by this class, every variable part already escaped. */
    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>\n");
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
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
