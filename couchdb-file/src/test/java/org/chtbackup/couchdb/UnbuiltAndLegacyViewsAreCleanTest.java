package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data directories holding real database files beside view files whose headers are built from
 * CouchDB's format by {@link HeaderFiles} (not made by CouchDB): an index opened but not yet
 * committed ({Sig, nil}, as while CHT rebuilds views after an upgrade) and a 1.x index_header.
 * Both are clean; a 1.x view past its database's update_seq is still caught.
 */
class UnbuiltAndLegacyViewsAreCleanTest {

    private static final String SIG = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void viewNotBuiltYetBesideItsShardIsNotAProblem() throws IOException {
        Files.createDirectories(dir.resolve(TornShard.PATH).getParent());
        Files.copy(Fixtures.chtDataDir().resolve(TornShard.PATH), dir.resolve(TornShard.PATH));
        HeaderFiles.write(dir.resolve(".shards/6aaaaaa9-7ffffffd/medic.1795666429_design/mrview/" + SIG + ".view"),
                HeaderFiles.notBuiltYet());

        DataDirectoryReport report = DataDirectory.inspect(dir, WalkDepth.TREES);

        assertThat(report.problems()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.database("medic").problems()).isEmpty();
        assertThat(report.views()).singleElement().satisfies(v -> {
            assertThat(v.built()).isFalse();
            assertThat(v.database()).isEqualTo("medic");
        });
    }

    @Test
    void couchDb1xLayoutWithIndexHeaderViewsIsClean() throws IOException {
        Files.copy(Fixtures.couchdb("db321.couch"), dir.resolve("db321.couch"));
        HeaderFiles.write(dir.resolve(".db321_design/" + SIG + ".view"), HeaderFiles.indexHeader1x(2));
        HeaderFiles.write(dir.resolve(".db321_design/mrview/" + SIG + ".view"), HeaderFiles.notBuiltYet());

        DataDirectoryReport report = DataDirectory.inspect(dir, WalkDepth.BODIES);

        assertThat(report.problems()).isEmpty();
        assertThat(report.database("db321").problems()).isEmpty();
        assertThat(report.views()).hasSize(2).allSatisfy(v -> assertThat(v.database()).isEqualTo("db321"));
    }

    @Test
    void couchDb1xViewNewerThanItsDatabaseIsStillCaught() throws IOException {
        Files.copy(Fixtures.couchdb("db321.couch"), dir.resolve("db321.couch"));
        Path view = HeaderFiles.write(dir.resolve(".db321_design/" + SIG + ".view"), HeaderFiles.indexHeader1x(1000));

        DataDirectoryReport report = DataDirectory.inspect(dir, null);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(view);
            assertThat(p.message()).contains("indexed to seq 1000").contains("CouchDB will rebuild");
        });
    }
}
