package org.chtbackup.verify.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.chtbackup.contracts.events.DrillCompleted.DatabaseComparison;
import org.chtbackup.contracts.events.DrillCompleted.Figures;
import org.chtbackup.contracts.events.DrillCompleted.Result;
import org.chtbackup.contracts.manifest.LiveStatistics;
import org.chtbackup.couchdb.DatabaseSummary;
import org.chtbackup.verify.scratch.DatabaseCounts;

/**
 * One row per database, filled in by the checks as they run: the live figures before and after the copy, the
 * restored files' own figures, what the scratch CouchDB answered, and what failed or could not be checked. The
 * verdict of a row is FAIL when anything about it failed, INCOMPLETE when a check of it could not run, else PASS.
 */
public final class DatabaseTable {

    private static final class Row {
        Figures liveBefore;
        Figures liveAfter;
        Figures restored;
        Figures scratch;
        final List<String> failed = new ArrayList<>();
        final List<String> notChecked = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }

    private final Map<String, Row> rows = new TreeMap<>();

    public void live(LiveStatistics before, LiveStatistics after) {
        if (before != null) {
            before.databases().forEach((db, s) -> row(db).liveBefore = figures(s));
        }
        if (after != null) {
            after.databases().forEach((db, s) -> row(db).liveAfter = figures(s));
        }
    }

    public void restored(List<DatabaseSummary> databases) {
        for (DatabaseSummary db : databases) {
            row(db.name()).restored = new Figures(db.docCount(), db.docDelCount(), Long.toString(db.updateSeqSum()));
        }
    }

    public void scratch(String db, DatabaseCounts counts) {
        row(db).scratch = new Figures(counts.docCount(), counts.docDelCount(), counts.updateSeq());
    }

    /** Something that does not lower the verdict but explains it (e.g. a node-local database checked offline only). */
    public void note(String db, String note) {
        row(db).notes.add(note);
    }

    /** A check that could not run for {@code db}, without adding to the drill's skipped list. */
    public void notChecked(String db, String why) {
        row(db).notChecked.add(why);
    }

    void fail(String db, String reason) {
        row(db).failed.add(reason);
    }

    /** Every database with a row so far, sorted. */
    public Set<String> names() {
        return Set.copyOf(rows.keySet());
    }

    public boolean hasRestored(String db) {
        Row row = rows.get(db);
        return row != null && row.restored != null;
    }

    /** The rows sorted by database name, each with its verdict and reasons. */
    public List<DatabaseComparison> comparisons() {
        List<DatabaseComparison> out = new ArrayList<>();
        rows.forEach((name, row) -> {
            Result verdict = !row.failed.isEmpty() ? Result.FAIL
                    : !row.notChecked.isEmpty() ? Result.INCOMPLETE : Result.PASS;
            List<String> reasons = new ArrayList<>(row.failed);
            reasons.addAll(row.notChecked);
            reasons.addAll(row.notes);
            out.add(new DatabaseComparison(name, row.liveBefore, row.liveAfter, row.restored, row.scratch, verdict,
                    reasons));
        });
        return out;
    }

    private Row row(String db) {
        return rows.computeIfAbsent(db, k -> new Row());
    }

    private static Figures figures(LiveStatistics.DatabaseStatistics s) {
        return new Figures(s.docCount(), s.docDelCount(), s.updateSeq());
    }
}
