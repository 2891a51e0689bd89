package org.chtbackup.verify.alerting;

import java.time.Instant;
import java.util.List;

import org.chtbackup.contracts.events.DrillCompleted;

/**
 * One webhook message. {@code text} is what Slack and Teams incoming webhooks display; the other fields are for
 * generic receivers. Failures come from the drill record, which names files, packs and databases, never document
 * contents, ids or user names (ReportPrivacy).
 */
public record DrillAlert(
        String text,
        String deployment,
        String location,
        String snapshot,
        String result,
        String drillId,
        Instant finishedAt,
        List<String> failures,
        List<String> skipped) {

    /** How many failures and skipped checks a message carries; the report has them all. */
    static final int LISTED = 5;

    static DrillAlert of(DrillCompleted d, boolean recovered) {
        String text = recovered
                ? "cht-backup: restore drill of " + d.deploymentId() + " from " + d.location() + " PASSES again"
                : "cht-backup: restore drill of " + d.deploymentId() + " from " + d.location() + " " + d.result()
                + (d.result() == DrillCompleted.Result.FAIL
                ? " — " + d.failures().size() + " failure(s)" + (d.failures().isEmpty() ? "" : ", first: "
                + d.failures().get(0))
                : " — a check could not run: " + (d.skipped().isEmpty() ? "see the report" : d.skipped().get(0)));
        return new DrillAlert(text, d.deploymentId(), d.location(), d.snapshotId(), d.result().name(), d.drillId(),
                d.finishedAt(), first(d.failures()), first(d.skipped()));
    }

    private static List<String> first(List<String> all) {
        return List.copyOf(all.subList(0, Math.min(LISTED, all.size())));
    }
}
