package org.chtbackup.verify.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.FileKind;
import org.chtbackup.contracts.manifest.Root;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariant 6: a manifest path that would land outside the restore target is refused, naming it. */
class ManifestPathsThatEscapeAreRefusedTest {

    static FileEntry file(String path) {
        return new FileEntry(Root.COUCHDB_DATA, path, FileKind.DATABASE, 0, 0644, Instant.EPOCH, "00", List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "shards/../../x", "/etc/passwd", "\\\\server\\share", "C:/x", "a/..\\..\\b"})
    void escapingPathsAreRefused(String path) {
        assertThatThrownBy(() -> RestorePaths.resolve(Path.of("/restore"), file(path)))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_dbs.couch", "shards/00000000-7fffffff/medic.1700000000.couch", "a..b/c"})
    void ordinaryPathsLandUnderTheRootFolder(String path) {
        assertThat(RestorePaths.resolve(Path.of("/restore"), file(path)))
                .isEqualTo(Path.of("/restore/couchdb-data").resolve(path));
    }
}
