package org.chtbackup.contracts.events;

import java.util.List;

/** Every topic cht-backup uses. YAML binds functions to these names; a test checks it. */
public final class Topics {

    /** Collector → crypto: chunk and manifest payloads sealed to the crypto service ({@link SnapshotPartSealed}). */
    public static final String SNAPSHOT_PARTS = "cht-backup.snapshot-parts";
    /** Crypto → storage: OpenPGP objects ready to store ({@link ObjectEncrypted}). */
    public static final String OBJECTS = "cht-backup.objects";
    /** Storage → verify and collector: a snapshot is complete in one location ({@link SnapshotStored}). */
    public static final String SNAPSHOTS_STORED = "cht-backup.snapshots-stored";
    /** Verify → anyone: the result of one restore drill ({@link DrillCompleted}). */
    public static final String DRILLS = "cht-backup.drills";

    /** Dead letters of each consumed topic carry the failed record and the reason in headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    public static final List<String> ALL = List.of(
            SNAPSHOT_PARTS, OBJECTS, SNAPSHOTS_STORED, DRILLS,
            deadLetter(SNAPSHOT_PARTS), deadLetter(OBJECTS), deadLetter(SNAPSHOTS_STORED));

    private Topics() {
    }
}
