package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chtbackup.couchdb.header.ViewHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * View files whose headers are built from CouchDB's format by {@link HeaderFiles} (not made by
 * CouchDB: no such real files are in the fixtures), and the database each layout's path names.
 */
class ViewIndexTest {

    private static final String SIG = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void viewWithNothingCommittedYetIsCleanNotDamaged() throws IOException {
        Path file = HeaderFiles.write(tmp.resolve(SIG + ".view"), HeaderFiles.notBuiltYet());
        ViewIndex v = ViewIndex.read(file);
        assertThat(v.built()).isFalse();
        assertThat(v.layout()).isEqualTo(ViewHeader.NOT_BUILT);
        assertThat(v.problems()).isEmpty();
        assertThat(v.warnings()).isEmpty();
        assertThat(v.lastCommit().fellBack()).isFalse();
    }

    @Test
    void emptyViewFileIsAnIndexNotBuiltYet() throws IOException {
        // couch_file creates the file before couch_mrview writes {Sig, nil} into it.
        Path file = Files.createFile(tmp.resolve(SIG + ".view"));
        ViewIndex v = ViewIndex.read(file);
        assertThat(v.built()).isFalse();
        assertThat(v.signature()).isEqualTo(SIG);
        assertThat(v.problems()).isEmpty();
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void couchDb1xViewIsCleanNotDamaged() throws IOException {
        Path file = HeaderFiles.write(tmp.resolve(".medic_design").resolve(SIG + ".view"), HeaderFiles.indexHeader1x(9));
        ViewIndex v = ViewIndex.read(file);
        assertThat(v.built()).isTrue();
        assertThat(v.layout()).isEqualTo(ViewHeader.INDEX_HEADER_1X);
        assertThat(v.updateSeq()).isEqualTo(9);
        assertThat(v.problems()).isEmpty();
        assertThat(v.database()).isEqualTo("medic");
        assertThat(v.range()).isNull();
        assertThat(v.shardSuffix()).isEmpty();
    }

    @Test
    void tornNewestHeaderFallsBackWithAWarning() throws IOException {
        Path file = HeaderFiles.write(tmp.resolve(SIG + ".view"), HeaderFiles.notBuiltYet(), HeaderFiles.indexHeader1x(3));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 7);
        }
        ViewIndex v = ViewIndex.read(file);
        assertThat(v.built()).isFalse();
        assertThat(v.problems()).isEmpty();
        assertThat(v.lastCommit().headerOffset()).isZero();
        assertThat(v.lastCommit().skippedHeaders()).isEqualTo(1);
        assertThat(v.lastCommit().bytesAfter()).isEqualTo(Files.size(file) - HeaderFiles.block(HeaderFiles.notBuiltYet()).length);
        assertThat(v.warnings()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(file);
            assertThat(w.message()).contains("1 newer header(s) skipped");
        });
    }

    @Test
    void databaseRangeAndSuffixComeFromEachLayoutsPath() {
        assertThat(ViewPath.of(Path.of(".shards/00000000-7fffffff/medic.1795666429_design/mrview/x.view")))
                .isEqualTo(new ViewPath("medic", "00000000-7fffffff", ".1795666429"));
        assertThat(ViewPath.of(Path.of("data/.medic_design/mrview/x.view"))).isEqualTo(new ViewPath("medic", null, ""));
        assertThat(ViewPath.of(Path.of("data/.medic_design/x.view"))).isEqualTo(new ViewPath("medic", null, ""));
        assertThat(ViewPath.of(Path.of("x.view")).database()).isNull();
        assertThat(ViewPath.of(Path.of("somewhere/else/x.view")).database()).isNull();
    }
}
