package org.chtbackup.contracts.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one restore drill of one snapshot from one location.
 *
 * <p>Version 1: fields {@code version} to {@code finishedAt}. {@code result} is PASS only when every check ran
 * and passed; {@code failures} name the file, chunk or database that differed and never contain document
 * contents or secrets.
 *
 * <p>Version 2 adds, at the end and with defaults for version-1 records: {@code skipped} (checks that could not
 * run, each with why, e.g. "scratch boot skipped: …"; default empty), {@code phaseMillis} (wall time of each
 * drill phase in order; default empty) and {@code couchdbVersion} (the snapshot's CouchDB version, null when
 * unknown). It also adds {@link Result#INCOMPLETE}: nothing failed but at least one check was skipped. A
 * version-1 record never carries INCOMPLETE.
 *
 * <p>Version 3 adds, at the end, with the defaults older records read with:
 * <ul>
 *   <li>{@code restore}: PASS when every object authenticated and decrypted and every file came back with the
 *       manifest's SHA-256 (the bytes are proven, whatever the later checks found); FAIL otherwise. Never
 *       INCOMPLETE. Default null: not recorded.</li>
 *   <li>{@code databases}: one {@link DatabaseComparison} per database, sorted by name. Default empty.</li>
 *   <li>{@code filesRestoredMillis}: from the start until every file was back and its SHA-256 checked (manifest
 *       and restore phases). Default null.</li>
 *   <li>{@code scratchBootMillis}: from launching the scratch CouchDB until it answered {@code GET /_up}; null
 *       when none booted (and in older records).</li>
 *   <li>{@code scratchCouchDb}: what booted, e.g. {@code docker couchdb:3.4.3 container 1a2b3c}; null when none.</li>
 * </ul>
 * <p>Version 4 adds {@code manifestKey} (the manifest object drilled) and {@code manifestSha256} (SHA-256 of that
 * object as stored in the location, hex: what {@code sha256sum} of the file in the location prints), so a report
 * names exactly what it proved. Both null in older records.
 *
 * <p>From version 3 on, no field names a document id, and a user's database {@code medic-user-<name>-meta} appears
 * as {@code medic-user-#<label>-meta}, the label a keyed hash that is the same in every report of one verify
 * service ('#' is not allowed in CouchDB database names, so a label never reads as a real name).
 */
public record DrillCompleted(
        int version,
        String drillId,
        String deploymentId,
        String snapshotId,
        String location,
        Result result,
        List<String> failures,
        int files,
        long bytes,
        long restoreMillis,
        Instant startedAt,
        Instant finishedAt,
        List<String> skipped,
        Map<String, Long> phaseMillis,
        String couchdbVersion,
        Result restore,
        List<DatabaseComparison> databases,
        Long filesRestoredMillis,
        Long scratchBootMillis,
        String scratchCouchDb,
        String manifestKey,
        String manifestSha256) {

    public static final int VERSION = 4;

    /** The version-3 fields only; the manifest is not named (tests and readers of older records). */
    public DrillCompleted(int version, String drillId, String deploymentId, String snapshotId, String location,
                          Result result, List<String> failures, int files, long bytes, long restoreMillis,
                          Instant startedAt, Instant finishedAt, List<String> skipped, Map<String, Long> phaseMillis,
                          String couchdbVersion, Result restore, List<DatabaseComparison> databases,
                          Long filesRestoredMillis, Long scratchBootMillis, String scratchCouchDb) {
        this(version, drillId, deploymentId, snapshotId, location, result, failures, files, bytes, restoreMillis,
                startedAt, finishedAt, skipped, phaseMillis, couchdbVersion, restore, databases, filesRestoredMillis,
                scratchBootMillis, scratchCouchDb, null, null);
    }

    /**
     * PASS: restored and every check ran and passed. FAIL: a check failed. INCOMPLETE (version 2): no check
     * failed but at least one could not run ({@code skipped} says which and why); never counts as a success.
     */
    public enum Result { PASS, FAIL, INCOMPLETE }

    /**
     * One database's figures at each stage of the drill, and its verdict (version 3).
     *
     * @param name       the database name, a user's database as {@code medic-user-#<label>-meta}
     * @param liveBefore what CouchDB answered over HTTP just before the copy; null when not recorded or the
     *                   database did not exist then
     * @param liveAfter  the same just after the copy; null likewise
     * @param restored   the restored files' own figures, read offline (counts summed over shards; update_seq
     *                   the sum of the shards' sequence numbers); null when no restored file holds it
     * @param scratch    what the scratch CouchDB answered for it ({@code GET /{db}}); null when it was not asked
     * @param verdict    FAIL when a check of this database failed, INCOMPLETE when one could not run, else PASS
     * @param reasons    why: what failed, what could not run, or (with PASS) what did not apply
     */
    public record DatabaseComparison(String name, Figures liveBefore, Figures liveAfter, Figures restored,
                                     Figures scratch, Result verdict, List<String> reasons) {

        public DatabaseComparison {
            EventChecks.required(name, "databases[].name");
            EventChecks.required(verdict, "databases[].verdict");
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /**
     * doc_count, doc_del_count and update_seq of one database at one stage. {@code docDelCount} is -1 when the
     * server did not report it; {@code updateSeq} is CouchDB's opaque value as answered (live), the sum of the
     * shards' sequence numbers (restored), or null when not read.
     */
    public record Figures(long docCount, long docDelCount, String updateSeq) {
    }

    public DrillCompleted {
        EventChecks.version(version, VERSION, "DrillCompleted");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(drillId, "drillId");
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(location, "location");
        EventChecks.required(result, "result");
        failures = failures == null ? List.of() : List.copyOf(failures);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        phaseMillis = phaseMillis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
        databases = databases == null ? List.of() : List.copyOf(databases);
        if (version >= 3) {
            EventChecks.required(restore, "restore");
            if (restore == Result.INCOMPLETE) {
                throw new IllegalArgumentException("restore is PASS or FAIL, never INCOMPLETE");
            }
        }
    }

    /** The result the checks imply: any failure is FAIL, else any skipped check is INCOMPLETE, else PASS. */
    public static Result resultOf(List<String> failures, List<String> skipped) {
        if (!failures.isEmpty()) {
            return Result.FAIL;
        }
        return skipped.isEmpty() ? Result.PASS : Result.INCOMPLETE;
    }
}
