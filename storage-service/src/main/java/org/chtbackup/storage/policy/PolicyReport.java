package org.chtbackup.storage.policy;

import java.util.List;

/**
 * The 3-2-1 check over the configured locations.
 *
 * @param satisfied whether every rule holds
 * @param summary   one plain sentence, e.g. "3-2-1 NOT met: only 2 locations (primary, nas); need at least 3"
 * @param missing   one sentence per rule that does not hold, each saying what to add; empty when satisfied
 */
public record PolicyReport(boolean satisfied, String summary, List<String> missing) {

    public PolicyReport {
        missing = List.copyOf(missing);
    }
}
