package org.chtbackup.verify.check;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.chtbackup.contracts.manifest.LiveStatistics;
import org.chtbackup.contracts.manifest.LiveStatistics.DatabaseStatistics;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.couchdb.DatabaseSummary;

/**
 * Compares the restored files' own figures with what CouchDB answered over HTTP just before and just after the
 * copy (DESIGN §4). CouchDB takes writes while it is copied, so the check is a bound, not an equality: the
 * restored update_seq must lie between before and after, and each count within the number of changes made in
 * between. A healthy backup taken under load passes; a lost shard or a stale copy does not.
 */
public final class LiveStatisticsCheck {

    static final String NOT_RECORDED = "live statistics not recorded";
    private static final Pattern SEQ = Pattern.compile("^(\\d+)");

    public void check(Manifest manifest, List<DatabaseSummary> restored, Findings findings) {
        LiveStatistics before = manifest.liveBefore();
        LiveStatistics after = manifest.liveAfter();
        findings.databases().live(before, after);
        if (before == null || after == null) {
            findings.skip(NOT_RECORDED + " in the manifest (" + (before == null ? "before" : "")
                    + (before == null && after == null ? " and " : "") + (after == null ? "after" : "")
                    + " the copy): restored counts were checked against the copied files' own figures only");
            notCheckedEach(restored, NOT_RECORDED, findings);
            return;
        }
        boolean clustered = manifest.host() != null && manifest.host().clustered();
        Map<String, DatabaseSummary> byName = restored.stream()
                .collect(Collectors.toMap(DatabaseSummary::name, Function.identity(), (a, b) -> a));
        TreeSet<String> names = new TreeSet<>(before.databases().keySet());
        names.addAll(after.databases().keySet());
        for (String name : names) {
            DatabaseSummary files = byName.get(name);
            if (files == null) {
                findings.failDatabase(name, "CouchDB listed it when the snapshot was taken but no restored shard file"
                        + " holds it");
                continue;
            }
            compare(name, files, before.databases().get(name), after.databases().get(name), clustered, findings);
        }
        for (DatabaseSummary db : restored) {
            if (!names.contains(db.name()) && !ScratchComparison.nodeLocal(db.name())) {
                findings.databases().note(db.name(), "CouchDB did not list it before or after the copy: not compared"
                        + " with live statistics");
            }
        }
    }

    private static void notCheckedEach(List<DatabaseSummary> restored, String why, Findings findings) {
        restored.stream().filter(db -> !ScratchComparison.nodeLocal(db.name()))
                .forEach(db -> findings.databases().notChecked(db.name(), why));
    }

    /**
     * On a cluster the counts are cluster-wide (one copy per range, as the offline check sums them), but the shard
     * copies of one range number their sequences independently, so the restored update_seq is not compared there.
     */
    private static void compare(String name, DatabaseSummary files, DatabaseStatistics before,
                                DatabaseStatistics after, boolean clustered, Findings findings) {
        DatabaseStatistics b = before != null ? before : after;
        DatabaseStatistics a = after != null ? after : before;
        long seqBefore = seq(b.updateSeq());
        long seqAfter = seq(a.updateSeq());
        if (before == null || after == null) {
            // Created or deleted during the copy: anything between nothing and its figures is consistent.
            bound(name, "doc_count", files.docCount(), 0, a.docCount() + b.docCount(), findings);
            return;
        }
        long changes = seqBefore >= 0 && seqAfter >= seqBefore ? seqAfter - seqBefore : 0;
        if (!clustered && seqBefore >= 0 && seqAfter >= 0 && (files.updateSeqSum() < seqBefore || files.updateSeqSum() > seqAfter)) {
            findings.failDatabase(name, "restored update_seq " + files.updateSeqSum() + " is outside the live range "
                    + seqBefore + ".." + seqAfter + " read before and after the copy");
        }
        bound(name, "doc_count", files.docCount(), Math.min(b.docCount(), a.docCount()) - changes,
                Math.max(b.docCount(), a.docCount()) + changes, findings);
        bound(name, "doc_del_count", files.docDelCount(), Math.min(b.docDelCount(), a.docDelCount()) - changes,
                Math.max(b.docDelCount(), a.docDelCount()) + changes, findings);
    }

    private static void bound(String db, String what, long value, long low, long high, Findings findings) {
        if (value < low || value > high) {
            findings.failDatabase(db, "restored " + what + " " + value + " differs from the live statistics ("
                    + (low == high ? "expected " + low : "expected " + Math.max(0, low) + ".." + high)
                    + " given the changes made during the copy)");
        }
    }

    /** The number in front of a clustered update_seq ("646-g1AA…"), or a 1.x integer seq; -1 when unreadable. */
    static long seq(String updateSeq) {
        if (updateSeq == null) {
            return -1;
        }
        Matcher m = SEQ.matcher(updateSeq);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
