package org.chtbackup.collector.snapshot;

import java.util.Set;

/** A failure's reason for logs and events: exception type and message, with any {@code .env} secret masked. */
final class Reasons {

    static String of(Throwable e, Set<String> secrets) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        for (String secret : secrets) {
            if (secret.length() >= 4) {
                reason = reason.replace(secret, "***");
            }
        }
        return reason;
    }

    private Reasons() {
    }
}
