package org.chtbackup.verify.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.location.Location;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot restores from one filesystem location whether its manifest is format 2 (head plus file list in
 * chunks, written by this build) or format 1 (one object, written by earlier builds).
 */
class BothManifestFormatsRestoreTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(ints = {Manifest.FORMAT_1, Manifest.FORMAT_2, Manifest.FORMAT_3})
    void theFixtureRestoresByteForByteFromEveryFormat(int format) throws Exception {
        Location location = StoredSnapshots.nas(work.resolve("nas"));
        String key = StoredSnapshots.store(location, "s" + format, Instant.parse("2026-03-01T02:00:00Z"), null, null,
                format);
        SnapshotRestorer restorer = new SnapshotRestorer(StoredSnapshots.decryptor());

        Manifest manifest = restorer.readManifest(location, key);
        RestoreOutcome outcome = restorer.restore(location, manifest, work.resolve("target"));

        assertThat(manifest.formatVersion()).isEqualTo(format);
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.files()).isEqualTo(manifest.files().size()).isGreaterThan(10);
        Path env = StoredSnapshots.chtHost().resolve("home/ubuntu/cht/upgrade-service/.env");
        assertThat(Files.readAllBytes(work.resolve("target/upgrade-service/.env"))).isEqualTo(Files.readAllBytes(env));
        Path data = StoredSnapshots.chtHost().resolve("home/ubuntu/cht/couchdb");
        try (var files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(work.resolve("target/couchdb-data").resolve(data.relativize(file).toString()))
                        .as("restored %s", data.relativize(file)).hasSameBinaryContentAs(file);
            }
        }
    }
}
