package org.chtbackup.verify.restore;

import java.util.List;

/** Files and bytes restored, and every failure with what it concerns. Empty failures means byte-exact. */
public record RestoreOutcome(int files, long bytes, List<String> failures) {

    public RestoreOutcome {
        failures = List.copyOf(failures);
    }
}
