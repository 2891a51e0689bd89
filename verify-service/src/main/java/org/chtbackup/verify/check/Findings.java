package org.chtbackup.verify.check;

import java.util.ArrayList;
import java.util.List;

/**
 * What a drill found: failures (a check ran and something differed) and skipped checks (a check could not run,
 * with why). Messages name files, chunks, databases and figures, never document contents or secrets.
 */
public final class Findings {

    private final List<String> failures = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    public void fail(String failure) {
        failures.add(failure);
    }

    public void failAll(List<String> all) {
        failures.addAll(all);
    }

    public void skip(String why) {
        skipped.add(why);
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
}
