package org.chtbackup.verify.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.location.LocationSpec;

/**
 * The fleet page: per deployment, what needs attention first (a failed drill, a stale backup, an incomplete drill,
 * a location never drilled), the newest snapshot's age, each location's last drill with the last few results as a
 * trend, the restored size, the measured RTO (the last passing drill's restore time) and whether the newest
 * snapshot meets 3-2-1. {@code attentionOnly} leaves out the healthy ones.
 */
public final class FleetSummary {

    /** Why a deployment is listed where it is; the order is the page's order. */
    public enum Attention {
        FAILING, STALE, INCOMPLETE, NEVER_DRILLED, HEALTHY
    }

    /** One deployment's line, also served as JSON. */
    public record DeploymentLine(String deploymentId, Attention attention, String newestSnapshot,
                                 Long snapshotAgeSeconds, List<String> newestStoredIn, Map<String, String> locations,
                                 Map<String, String> trends, Long sizeBytes, Long rtoMillis, String threeTwoOne) {
    }

    private final FleetState state;
    private final Map<String, LocationSpec> locations;
    private final Duration staleAfter;

    /** @param staleAfter a deployment whose newest stored snapshot is older is stale (the ChtBackupStale alert's 6 h) */
    public FleetSummary(FleetState state, Map<String, LocationSpec> locations, Duration staleAfter) {
        this.state = state;
        this.locations = locations;
        this.staleAfter = staleAfter;
    }

    /** Every deployment, those needing attention first, then by name. */
    public List<DeploymentLine> lines(Instant now) {
        List<DeploymentLine> lines = new ArrayList<>();
        for (String deployment : state.deployments()) {
            FleetState.Snapshot newest = state.newest(deployment).orElse(null);
            Map<String, String> perLocation = new java.util.TreeMap<>();
            Map<String, String> trends = new java.util.TreeMap<>();
            Long rto = null;
            Instant rtoAt = null;
            Long size = null;
            EnumSet<DrillCompleted.Result> results = EnumSet.noneOf(DrillCompleted.Result.class);
            boolean neverDrilled = false;
            for (String location : locations.keySet()) {
                DrillCompleted d = state.lastDrill(deployment, location).orElse(null);
                perLocation.put(location, d == null ? "never drilled" : d.result() + " " + d.finishedAt());
                trends.put(location, String.join(" ", state.trend(deployment, location).stream()
                        .map(Enum::name).toList()));
                if (d == null) {
                    neverDrilled = true;
                    continue;
                }
                results.add(d.result());
                size = size == null ? d.bytes() : Math.max(size, d.bytes());
                if (d.result() == DrillCompleted.Result.PASS && (rtoAt == null || d.finishedAt().isAfter(rtoAt))) {
                    rto = d.restoreMillis();
                    rtoAt = d.finishedAt();
                }
            }
            Long age = newest == null ? null : Duration.between(newest.storedAt(), now).toSeconds();
            lines.add(new DeploymentLine(deployment, attention(results, age, neverDrilled),
                    newest == null ? null : newest.snapshotId(), age,
                    newest == null ? List.of() : List.copyOf(newest.locations()), perLocation, trends, size, rto,
                    threeTwoOne(newest)));
        }
        lines.sort(Comparator.comparing(DeploymentLine::attention).thenComparing(DeploymentLine::deploymentId));
        return lines;
    }

    private Attention attention(EnumSet<DrillCompleted.Result> results, Long ageSeconds, boolean neverDrilled) {
        if (results.contains(DrillCompleted.Result.FAIL)) {
            return Attention.FAILING;
        }
        if (ageSeconds == null || ageSeconds > staleAfter.toSeconds()) {
            return Attention.STALE;
        }
        if (results.contains(DrillCompleted.Result.INCOMPLETE)) {
            return Attention.INCOMPLETE;
        }
        return neverDrilled ? Attention.NEVER_DRILLED : Attention.HEALTHY;
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
        return html(now, false);
    }

    /** @param attentionOnly leave out the healthy deployments ({@code GET /fleet?show=attention}) */
    public String html(Instant now, boolean attentionOnly) {
        List<DeploymentLine> all = lines(now);
        Map<Attention, Long> counts = new java.util.EnumMap<>(Attention.class);
        all.forEach(l -> counts.merge(l.attention(), 1L, Long::sum));
        StringBuilder body = new StringBuilder("<p>Generated ").append(Html.escape(now)).append(". ")
                .append(all.size()).append(" deployments: ");
        body.append(String.join(", ", java.util.Arrays.stream(Attention.values())
                .map(a -> counts.getOrDefault(a, 0L) + " " + label(a)).toList()));
        body.append(". Those needing attention come first: a failed drill, then a backup older than ")
                .append(staleAfter.toHours()).append(" h, an incomplete drill, a location never drilled. Trend: the last 5 drills"
                        + " of that location, oldest first (P pass, F fail, I incomplete).</p>\n<p>")
                .append(attentionOnly ? "<a href=\"?show=all\">show all</a> | <b>needing attention</b>"
                        : "<b>all</b> | <a href=\"?show=attention\">needing attention only</a>")
                .append("</p>\n<style>#fleet{font-size:13px}#fleet td,#fleet th{padding:2px 6px;white-space:nowrap}"
                        + "#fleet small{color:#555}.row-FAILING td:nth-child(2){color:#b00;font-weight:bold}"
                        + ".row-STALE td:nth-child(2),.row-INCOMPLETE td:nth-child(2){color:#a60;font-weight:bold}</style>\n<table id=\"fleet\">\n<tr><th>deployment</th><th>attention</th><th>newest snapshot</th>"
                        + "<th>age</th>");
        locations.keySet().forEach(l -> body.append("<th>").append(Html.escape(l))
                .append("<br><small>last drill, trend</small></th>"));
        body.append("<th>size</th><th>RTO</th><th>3-2-1</th></tr>\n");
        for (DeploymentLine line : all) {
            if (attentionOnly && line.attention() == Attention.HEALTHY) {
                continue;
            }
            body.append("<tr class=\"row-").append(line.attention()).append("\"><td>")
                    .append(Html.escape(line.deploymentId())).append("</td><td>").append(label(line.attention()))
                    .append("</td><td>").append(Html.escape(line.newestSnapshot() == null ? "none seen"
                            : line.newestSnapshot()))
                    .append("</td><td>").append(line.snapshotAgeSeconds() == null ? "" : age(line.snapshotAgeSeconds()))
                    .append("</td>");
            for (String location : locations.keySet()) {
                String[] result = line.locations().get(location).split(" ", 2);
                body.append("<td class=\"").append(Html.escape(result[0])).append("\">")
                        .append(Html.escape(cell(result, now))).append(" <small>").append(Html.escape(letters(line
                                .trends().getOrDefault(location, ""))))
                        .append(line.newestSnapshot() == null || line.newestStoredIn().contains(location) ? ""
                                : " · newest snapshot not stored here").append("</small></td>");
            }
            body.append("<td>").append(line.sizeBytes() == null ? "" : size(line.sizeBytes())).append("</td><td>")
                    .append(line.rtoMillis() == null ? "not measured" : HtmlReportWriter.seconds(line.rtoMillis()))
                    .append("</td><td>").append(Html.escape(line.threeTwoOne())).append("</td></tr>\n");
        }
        body.append("</table>\n");
        return Html.page("cht-backup fleet", body.toString());
    }

    /** "P P F" from "PASS PASS FAIL". */
    private static String letters(String trend) {
        return trend.isEmpty() ? "" : String.join(" ", java.util.Arrays.stream(trend.split(" "))
                .map(r -> r.substring(0, 1)).toList());
    }

    /** "PASS 3 h ago" from "PASS 2026-03-10T09:00:00Z"; "never drilled" as it is. */
    private static String cell(String[] result, Instant now) {
        try {
            return result[0] + " " + age(Duration.between(Instant.parse(result[1]), now).toSeconds()) + " ago";
        } catch (RuntimeException e) {
            return String.join(" ", result);
        }
    }

    private static String label(Attention a) {
        return switch (a) {
            case FAILING -> "failing";
            case STALE -> "stale";
            case INCOMPLETE -> "incomplete";
            case NEVER_DRILLED -> "never drilled";
            case HEALTHY -> "healthy";
        };
    }

    private static String size(long bytes) {
        return bytes >= 1_000_000_000 ? String.format("%.1f GB", bytes / 1e9) : String.format("%.0f MB", bytes / 1e6);
    }

    private static String age(long seconds) {
        return seconds >= 86400 ? seconds / 86400 + " d" : seconds >= 3600 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }
}
