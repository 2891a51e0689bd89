package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule: CouchDB data holds at least one database file (*.couch); anything else must not pass as clean. */
class NotCouchDbDataTest {

    @TempDir
    Path dir;

    @Test
    void emptyDirectoryIsNotCouchDbData() throws IOException {
        assertThat(DataDirectory.isDataDirectory(dir)).isFalse();
        DataDirectoryReport report = DataDirectory.inspect(dir, WalkDepth.BODIES);
        assertThat(report.isCouchDbData()).isFalse();
        assertThat(report.databases()).isEmpty();
    }

    @Test
    void directoryOfRandomFilesIsNotCouchDbData() throws IOException {
        Random random = new Random(11);
        for (String name : new String[] {"notes.txt", "dump.bin", "sub/data.json", "default.ini", "x.couch.compact.data"}) {
            byte[] bytes = new byte[5000];
            random.nextBytes(bytes);
            Files.createDirectories(dir.resolve(name).getParent());
            Files.write(dir.resolve(name), bytes);
        }
        assertThat(DataDirectory.isDataDirectory(dir)).isFalse();
        assertThat(DataDirectory.inspect(dir, WalkDepth.BODIES).isCouchDbData()).isFalse();
    }

    @Test
    void viewIndexesAloneAreNotCouchDbData() throws IOException {
        HeaderFiles.write(dir.resolve(".medic_design/0123456789abcdef0123456789abcdef.view"), HeaderFiles.notBuiltYet());
        assertThat(DataDirectory.isDataDirectory(dir)).isFalse();
    }

    @Test
    void eachLayoutWithADatabaseFileIsCouchDbData() throws IOException {
        assertThat(DataDirectory.isDataDirectory(Fixtures.chtDataDir())).isTrue();
        Files.copy(Fixtures.couchdb("db321.couch"), dir.resolve("db321.couch"));
        assertThat(DataDirectory.isDataDirectory(dir)).isTrue();
        assertThat(DataDirectory.inspect(dir, WalkDepth.BODIES).isCouchDbData()).isTrue();
    }
}
