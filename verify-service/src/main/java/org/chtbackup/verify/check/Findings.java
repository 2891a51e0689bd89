package org.chtbackup.verify.check;

import java.util.ArrayList;
import java.util.List;

/**
 * What a drill found: failures (a check ran and something differed) and skipped checks (a check could not run,
 * with why), plus the per-database table of figures and verdicts. Messages name files, chunks, databases and
 * figures, never document contents or secrets.
 */
public final class Findings {

    private final List<String> failures = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final DatabaseTable databases = new DatabaseTable();

    public void fail(String failure) {
        failures.add(failure);
    }

    public void failAll(List<String> all) {
        failures.addAll(all);
    }

    /** A failure of one database: listed as {@code database <db>: <reason>} and in that database's row. */
    public void failDatabase(String db, String reason) {
        failures.add("database " + db + ": " + reason);
        databases.fail(db, reason);
    }

    public void skip(String why) {
        skipped.add(why);
    }

    /** A check of one database that could not run: listed in {@code skipped} and in that database's row. */
    public void skipDatabase(String db, String why) {
        skipped.add("database " + db + ": " + why);
        databases.notChecked(db, why);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }

    /** Per-database figures and verdicts the checks filled in. */
    public DatabaseTable databases() {
        return databases;
    }
}
