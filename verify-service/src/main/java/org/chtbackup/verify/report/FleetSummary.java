package org.chtbackup.verify.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.location.LocationSpec;

/**
 * The fleet page: per deployment, the newest snapshot's age, each location's last drill result and date, the
 * measured RTO (the last passing drill's restore time) and whether the newest snapshot meets 3-2-1.
 */
public final class FleetSummary {

    /** One deployment's line, also served as JSON. */
    public record DeploymentLine(String deploymentId, String newestSnapshot, Long snapshotAgeSeconds,
                                 Map<String, String> locations, Long rtoMillis, String threeTwoOne) {
    }

    private final FleetState state;
    private final Map<String, LocationSpec> locations;

    public FleetSummary(FleetState state, Map<String, LocationSpec> locations) {
        this.state = state;
        this.locations = locations;
    }

    public List<DeploymentLine> lines(Instant now) {
        List<DeploymentLine> lines = new ArrayList<>();
        for (String deployment : state.deployments()) {
            FleetState.Snapshot newest = state.newest(deployment).orElse(null);
            Map<String, String> perLocation = new java.util.TreeMap<>();
            Long rto = null;
            Instant rtoAt = null;
            for (String location : locations.keySet()) {
                DrillCompleted d = state.lastDrill(deployment, location).orElse(null);
                perLocation.put(location, d == null ? "never drilled" : d.result() + " " + d.finishedAt());
                if (d != null && d.result() == DrillCompleted.Result.PASS
                        && (rtoAt == null || d.finishedAt().isAfter(rtoAt))) {
                    rto = d.restoreMillis();
                    rtoAt = d.finishedAt();
                }
            }
            lines.add(new DeploymentLine(deployment, newest == null ? null : newest.snapshotId(),
                    newest == null ? null : Duration.between(newest.storedAt(), now).toSeconds(), perLocation, rto,
                    threeTwoOne(newest)));
        }
        return lines;
    }

    /** 3 copies, 2 kinds of media, 1 offsite, counted over the locations the newest snapshot is stored in. */
    String threeTwoOne(FleetState.Snapshot newest) {
        if (newest == null) {
            return "unknown: no stored snapshot seen yet";
        }
        List<LocationSpec> stored = newest.locations().stream().map(locations::get)
                .filter(java.util.Objects::nonNull).toList();
        long media = stored.stream().map(LocationSpec::media).distinct().count();
        long offsite = stored.stream().filter(LocationSpec::offsite).count();
        String figures = stored.size() + " copies, " + media + " media, " + offsite + " offsite";
        return (stored.size() >= 3 && media >= 2 && offsite >= 1 ? "met (" : "NOT met (") + figures + ")";
    }

    public String html(Instant now) {
        StringBuilder body = new StringBuilder("<p>Generated ").append(Html.escape(now))
                .append(". A location is healthy when its last drill is PASS and recent.</p>\n<table>\n<tr>"
                        + "<th>deployment</th><th>newest snapshot</th><th>age</th>");
        locations.keySet().forEach(l -> body.append("<th>").append(Html.escape(l)).append("</th>"));
        body.append("<th>RTO</th><th>3-2-1</th></tr>\n");
        for (DeploymentLine line : lines(now)) {
            body.append("<tr><td>").append(Html.escape(line.deploymentId())).append("</td><td>")
                    .append(Html.escape(line.newestSnapshot() == null ? "none seen" : line.newestSnapshot()))
                    .append("</td><td>").append(line.snapshotAgeSeconds() == null ? "" : age(line.snapshotAgeSeconds()))
                    .append("</td>");
            for (String location : locations.keySet()) {
                String result = line.locations().get(location);
                String css = result.split(" ")[0];
                body.append("<td class=\"").append(Html.escape(css)).append("\">").append(Html.escape(result))
                        .append("</td>");
            }
            body.append("<td>").append(line.rtoMillis() == null ? "not measured" : HtmlReportWriter.seconds(line.rtoMillis()))
                    .append("</td><td>").append(Html.escape(line.threeTwoOne())).append("</td></tr>\n");
        }
        body.append("</table>\n");
        return Html.page("cht-backup fleet", body.toString());
    }

    private static String age(long seconds) {
        return seconds >= 86400 ? seconds / 86400 + " d" : seconds >= 3600 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }
}
