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
    /** Storage → anyone: a snapshot is complete, degraded or failed in one location ({@link SnapshotLocationStatus}). */
    public static final String SNAPSHOT_STATUS = "cht-backup.snapshot-status";
    /**
     * Storage → storage: objects that could not reach a location yet ({@link ObjectEncrypted}), keyed by the
     * location's name; each location's catch-up consumer (group {@code storage-backlog-<location>}) re-puts them.
     */
    public static final String STORAGE_BACKLOG = "cht-backup.storage-backlog";
    /** Collector → anyone: how far a running snapshot has got ({@link SnapshotProgressed}). */
    public static final String SNAPSHOT_PROGRESS = "cht-backup.snapshot-progress";
    /** Collector → anyone: a snapshot's manifest was sent ({@link SnapshotCompleted}). */
    public static final String SNAPSHOTS_COMPLETED = "cht-backup.snapshots-completed";
    /** Collector → anyone: a snapshot failed and sent no manifest, with the reason ({@link SnapshotFailed}). */
    public static final String SNAPSHOTS_FAILED = "cht-backup.snapshots-failed";

    /**
     * Storage → collectors: packs prune has marked or deleted in a location ({@link PacksReleased}); collectors
     * forget their chunks so they are sent again when they reappear.
     */
    public static final String PACKS_RELEASED = "cht-backup.packs-released";

    /** Dead letters of each consumed topic carry the failed record and the reason in headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    public static final List<String> ALL = List.of(
            SNAPSHOT_PARTS, OBJECTS, SNAPSHOTS_STORED, DRILLS,
            SNAPSHOT_PROGRESS, SNAPSHOTS_COMPLETED, SNAPSHOTS_FAILED,
            deadLetter(SNAPSHOT_PARTS), deadLetter(OBJECTS), deadLetter(SNAPSHOTS_STORED),
            SNAPSHOT_STATUS, STORAGE_BACKLOG, deadLetter(DRILLS), PACKS_RELEASED, deadLetter(PACKS_RELEASED));

    private Topics() {
    }
}
