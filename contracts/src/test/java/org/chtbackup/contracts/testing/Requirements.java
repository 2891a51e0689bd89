package org.chtbackup.contracts.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * How an integration test asks for a real component it cannot run without (Docker engine, local image, stock gpg,
 * pouchdb-server, Erlang). On a bare machine a missing component skips the test with the reason shown; with
 * {@code CHT_BACKUP_REQUIRE_ALL=true} (set by {@code .ci/run}) it fails instead, so CI never goes green on skipped
 * integration tests.
 */
public final class Requirements {

    public static final String FLAG = "CHT_BACKUP_REQUIRE_ALL";

    /** Skips (or, under the flag, fails) the calling test unless {@code present}. */
    public static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if (requireAll()) {
            Assertions.fail(FLAG + "=true and a required component is missing: " + reason);
        }
        Assumptions.abort("skipped: " + reason);
    }

    /** Whether missing components fail tests instead of skipping them. */
    public static boolean requireAll() {
        return "true".equalsIgnoreCase(System.getenv(FLAG));
    }

    private Requirements() {
    }
}
