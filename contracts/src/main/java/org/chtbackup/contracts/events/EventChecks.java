package org.chtbackup.contracts.events;

import java.util.regex.Pattern;

/**
 * Field checks shared by the event records, so a malformed event fails where it is read, naming the field. The
 * deployment-id rule is public: the key tool and storage's HTTP API check names against the same one.
 */
public final class EventChecks {

    private static final Pattern DEPLOYMENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MANIFEST_ID = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[A-Za-z0-9-]{1,64}");
    private static final Pattern LIST_PIECE_ID = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[A-Za-z0-9-]{1,64}\\.[0-9]{1,9}");

    /** Whether {@code value} is a valid deployment id: 1-63 lowercase letters, digits or '-', not starting with '-'. */
    public static boolean isDeploymentId(String value) {
        return value != null && DEPLOYMENT_ID.matcher(value).matches();
    }

    static String deploymentId(String value) {
        if (!isDeploymentId(value)) {
            throw new IllegalArgumentException("deploymentId '" + value
                    + "' is invalid: use 1-63 lowercase letters, digits or '-'");
        }
        return value;
    }

    static String hexId(String value, String what) {
        if (value == null || !HEX_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not 64 lowercase hex digits");
        }
        return value;
    }

    /** {@code <manifestId>.<n>}: a manifest id (time, '-', snapshot id) and a piece number. */
    static String listPieceId(String value) {
        if (value == null || !LIST_PIECE_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("pack list id '" + value + "' is not <manifestId>.<piece number>");
        }
        return value;
    }

    /** {@code <time>-<snapshot id>}. */
    static String manifestId(String value) {
        if (value == null || !MANIFEST_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("manifest id '" + value + "' is not <yyyyMMddTHHmmssZ>-<snapshot id>");
        }
        return value;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static int version(int value, int newest, String event) {
        if (value < 1 || value > newest) {
            throw new IllegalArgumentException(event + " version " + value + " is not supported (1.." + newest + ")");
        }
        return value;
    }

    private EventChecks() {
    }
}
