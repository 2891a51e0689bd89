package org.chtbackup.verify.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.LiveStatistics;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.location.testing.TestS3Server;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.chtbackup.verify.scratch.FirstAvailableScratchCouchDb;
import org.chtbackup.verify.scratch.ProcessScratchCouchDb;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drills of the fixture host stored with the real encryptor in a real filesystem location and a real S3 server
 * (s3proxy or MinIO): each way a copy can be wrong is provoked and the drill names it. No CouchDB can boot in
 * these tests (no launcher is configured), so a sound copy is INCOMPLETE, never PASS.
 */
class DrillFailsWithSpecificReasonsTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T02:00:00Z");
    private static TestS3Server s3;
    @TempDir
    static Path work;

    @BeforeAll
    static void startS3() {
        s3 = TestS3Server.start(work.resolve("s3"));
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    static Stream<Arguments> locations() {
        return Stream.of(Arguments.of("filesystem"), Arguments.of("s3"));
    }

    private static int counter;

    private static Location location(String kind) {
        String name = kind + "-" + (++counter);
        LocationSpec spec = kind.equals("s3") ? s3.location(name, "drill-" + counter, true)
                : new LocationSpec(name, LocationSpec.Kind.FILESYSTEM, null, null, null, null, null,
                work.resolve(name), "disk", false);
        return spec.open();
    }

    private static DrillCompleted drill(Location location, String manifestKey, String snapshotId,
                                        ObjectDecryptor decryptor, List<DrillCompleted> reported) {
        DrillRunner runner = new DrillRunner(Map.of(location.name(), location), new SnapshotRestorer(decryptor),
                new DrillChecks(new FirstAvailableScratchCouchDb(List.of(
                        new ProcessScratchCouchDb(null, work.resolve("couchdb-config"), java.time.Duration.ofSeconds(5)))), 3),
                work.resolve("scratch"), false, new ReportPrivacy(new byte[32]), reported::add, Clock.systemUTC());
        return runner.drill(StoredSnapshots.DEPLOYMENT, snapshotId, location.name(), manifestKey);
    }

    private static LiveStatistics live() {
        return StoredSnapshots.liveStatistics(CREATED);
    }

    @ParameterizedTest
    @MethodSource("locations")
    void soundCopyWithoutScratchCouchDbIsIncompleteNotPass(String kind) {
        Location location = location(kind);
        String key = StoredSnapshots.store(location, "snap-ok", CREATED, live(), live());
        List<DrillCompleted> reported = new ArrayList<>();
        DrillCompleted drill = drill(location, key, "snap-ok", StoredSnapshots.decryptor(), reported);

        assertThat(drill.failures()).isEmpty();
        assertThat(drill.result()).isEqualTo(DrillCompleted.Result.INCOMPLETE);
        assertThat(drill.skipped()).anySatisfy(s -> assertThat(s).startsWith("process: scratch boot skipped"));
        assertThat(drill.files()).isGreaterThan(100);
        assertThat(drill.couchdbVersion()).isEqualTo("3.4.3");
        assertThat(drill.phaseMillis()).containsKeys("manifest", "restore", "offline-check", "live-statistics",
                "scratch-boot");
        assertThat(reported).containsExactly(drill);
        assertThat(drill.restore()).isEqualTo(DrillCompleted.Result.PASS);
        assertThat(drill.filesRestoredMillis()).isNotNull().isLessThanOrEqualTo(drill.restoreMillis());
        assertThat(drill.scratchBootMillis()).isNull();
        assertThat(drill.version()).isEqualTo(4);
        assertThat(drill.manifestKey()).isEqualTo(key);
        byte[] stored;
        try (InputStream in = location.get(key)) {
            stored = in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(drill.manifestSha256()).as("SHA-256 of the manifest object as the location holds it")
                .isEqualTo(java.util.HexFormat.of().formatHex(sha256(stored)));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("locations")
    void eachDatabaseIsReportedWithLiveRestoredAndScratchFiguresAndItsOwnVerdict(String kind) {
        Location location = location(kind);
        LiveStatistics before = live();
        LiveStatistics after = new LiveStatistics(CREATED.plusSeconds(30), before.databases());
        String key = StoredSnapshots.store(location, "snap-rows", CREATED, before, after);

        DrillCompleted drill = drill(location, key, "snap-rows", StoredSnapshots.decryptor(), new ArrayList<>());

        DrillCompleted.DatabaseComparison medic = drill.databases().stream().filter(d -> d.name().equals("medic"))
                .findFirst().orElseThrow();
        assertThat(medic.liveBefore()).isEqualTo(new DrillCompleted.Figures(594, 20,
                before.databases().get("medic").updateSeq()));
        assertThat(medic.liveAfter()).isEqualTo(medic.liveBefore());
        assertThat(medic.restored().docCount()).isEqualTo(594);
        assertThat(medic.restored().docDelCount()).isEqualTo(20);
        assertThat(medic.restored().updateSeq()).matches("\\d+");
        assertThat(medic.scratch()).isNull();
        assertThat(medic.verdict()).isEqualTo(DrillCompleted.Result.INCOMPLETE);
        assertThat(medic.reasons()).singleElement().asString().startsWith("scratch CouchDB not booted");
        assertThat(drill.databases()).extracting(DrillCompleted.DatabaseComparison::name)
                .contains("_users", "medic-sentinel", "_dbs").isSorted();
        assertThat(drill.databases()).filteredOn(d -> d.name().equals("_dbs")).singleElement()
                .satisfies(d -> assertThat(d.verdict()).isEqualTo(DrillCompleted.Result.PASS));
    }

    @ParameterizedTest
    @MethodSource("locations")
    void userNamesAndDocumentIdsNeverReachTheReport(String kind) {
        Location location = location(kind);
        LiveStatistics real = live();
        Map<String, LiveStatistics.DatabaseStatistics> dbs = new java.util.LinkedHashMap<>(real.databases());
        LiveStatistics.DatabaseStatistics chw = dbs.get("medic-user-chw1-meta");
        dbs.put("medic-user-chw1-meta", new LiveStatistics.DatabaseStatistics(chw.docCount() + 7, chw.docDelCount(),
                chw.updateSeq()));
        LiveStatistics wrong = new LiveStatistics(CREATED, dbs);
        String key = StoredSnapshots.store(location, "snap-user", CREATED, wrong, wrong);

        DrillCompleted drill = drill(location, key, "snap-user", StoredSnapshots.decryptor(), new ArrayList<>());

        String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(drill);
        assertThat(json).doesNotContain("chw1").contains("medic-user-#");
        assertThat(drill.failures()).singleElement().asString().matches(
                "database medic-user-#[0-9a-f]{12}-meta: restored doc_count 12 differs from the live statistics.*");
        DrillCompleted.DatabaseComparison row = drill.databases().stream()
                .filter(d -> d.name().startsWith("medic-user-#")).findFirst().orElseThrow();
        assertThat(row.verdict()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(row.liveBefore().docCount()).isEqualTo(19);
        assertThat(drill.restore()).as("the bytes came back intact").isEqualTo(DrillCompleted.Result.PASS);
    }

    @ParameterizedTest
    @MethodSource("locations")
    void missingLiveStatisticsAreSaidNotPassedSilently(String kind) {
        Location location = location(kind);
        String key = StoredSnapshots.store(location, "snap-nolive", CREATED, null, null);
        DrillCompleted drill = drill(location, key, "snap-nolive", StoredSnapshots.decryptor(), new ArrayList<>());

        assertThat(drill.result()).isEqualTo(DrillCompleted.Result.INCOMPLETE);
        assertThat(drill.skipped()).anySatisfy(s -> assertThat(s).startsWith("live statistics not recorded"));
    }

    @ParameterizedTest
    @MethodSource("locations")
    void missingChunkFailsNamingFileAndChunk(String kind) throws IOException {
        Location location = location(kind);
        String key = StoredSnapshots.store(location, "snap-gap", CREATED, live(), live());
        FileEntry medic = medicShard(location, key);
        String chunk = StoredSnapshots.objectHolding(medic.chunks().get(0));
        location.delete(chunk);

        DrillCompleted drill = drill(location, key, "snap-gap", StoredSnapshots.decryptor(), new ArrayList<>());

        assertThat(drill.result()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(drill.restore()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(drill.failures()).anySatisfy(f -> assertThat(f)
                .contains("couchdb-data/" + medic.path()).contains(chunk));
    }

    @ParameterizedTest
    @MethodSource("locations")
    void flippedByteFailsAuthenticationNamingTheObject(String kind) throws IOException {
        Location location = location(kind);
        String key = StoredSnapshots.store(location, "snap-flip", CREATED, live(), live());
        FileEntry medic = medicShard(location, key);
        String chunk = StoredSnapshots.objectHolding(medic.chunks().get(0));
        byte[] object;
        try (InputStream in = location.get(chunk)) {
            object = in.readAllBytes();
        }
        object[object.length / 2] ^= 0x01;
        location.delete(chunk);
        location.put(chunk, object);

        DrillCompleted drill = drill(location, key, "snap-flip", StoredSnapshots.decryptor(), new ArrayList<>());

        assertThat(drill.result()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(drill.failures()).anySatisfy(f -> assertThat(f).contains("couchdb-data/" + medic.path())
                .contains(chunk).contains("failed authentication"));
    }

    @ParameterizedTest
    @MethodSource("locations")
    void countMismatchWithLiveStatisticsFailsNamingTheDatabase(String kind) {
        Location location = location(kind);
        LiveStatistics real = live();
        Map<String, LiveStatistics.DatabaseStatistics> dbs = new java.util.LinkedHashMap<>(real.databases());
        LiveStatistics.DatabaseStatistics medic = dbs.get("medic");
        dbs.put("medic", new LiveStatistics.DatabaseStatistics(medic.docCount() + 50, medic.docDelCount(),
                medic.updateSeq()));
        LiveStatistics wrong = new LiveStatistics(CREATED, dbs);
        String key = StoredSnapshots.store(location, "snap-count", CREATED, wrong, wrong);

        DrillCompleted drill = drill(location, key, "snap-count", StoredSnapshots.decryptor(), new ArrayList<>());

        assertThat(drill.result()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(drill.restore()).as("every file came back byte-identical").isEqualTo(DrillCompleted.Result.PASS);
        assertThat(drill.failures()).containsExactly("database medic: restored doc_count " + medic.docCount()
                + " differs from the live statistics (expected " + (medic.docCount() + 50)
                + " given the changes made during the copy)");
    }

    @ParameterizedTest
    @MethodSource("locations")
    void wrongKeyFailsAtTheManifest(String kind) {
        Location location = location(kind);
        String key = StoredSnapshots.store(location, "snap-key", CREATED, live(), live());

        DrillCompleted drill = drill(location, key, "snap-key", StoredSnapshots.decryptor(StoredSnapshots.stranger()),
                new ArrayList<>());

        assertThat(drill.result()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(drill.restore()).isEqualTo(DrillCompleted.Result.FAIL);
        assertThat(drill.files()).isZero();
        assertThat(drill.failures()).singleElement().satisfies(f -> assertThat(f).contains(key));
    }

    private static FileEntry medicShard(Location location, String manifestKey) {
        Manifest manifest = new SnapshotRestorer(StoredSnapshots.decryptor()).readManifest(location, manifestKey);
        return manifest.files().stream().filter(f -> f.path().matches("shards/[^/]+/medic\\.\\d+\\.couch"))
                .findFirst().orElseThrow();
    }
}
