package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chtbackup.couchdb.block.Checksum;
import org.chtbackup.couchdb.header.ViewHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in fixtures/couchdb matches the facts its README table states. */
class CouchFileFixturesTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\| (\\S+\\.(?:couch|view)) \\| (\\d+) \\| \\w+ \\| (\\S+) \\| (\\S+) \\| ([^|]+?) \\| (\\S+) \\|");

    static Stream<Arguments> readmeRows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.couchdb("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.add(Arguments.of(m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4), m.group(5), m.group(6)));
            }
        }
        assertThat(rows).as("README rows").hasSize(15);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmeRows")
    void fileMatchesReadme(String name, long bytes, String version, String arity, String docs, String seqCount)
            throws IOException {
        Path file = Fixtures.couchdb(name);
        assertThat(Files.size(file)).isEqualTo(bytes);
        if (name.endsWith(".view")) {
            ViewIndex view = ViewIndex.read(file);
            assertThat(view.signature()).isEqualTo(name.replace(".view", ""));
            assertThat(arity).isEqualTo("mrheader/" + (view.layout().equals(ViewHeader.MRHEADER_4) ? 5 : 6));
            assertThat(view.problems()).isEmpty();
            return;
        }
        String[] counts = docs.split("/");
        try (CouchFile db = CouchFile.open(file)) {
            assertThat(db.header().diskVersion()).isEqualTo(Integer.parseInt(version));
            assertThat(db.header().tupleArity()).isEqualTo(Integer.parseInt(arity));
            assertThat(db.headerChecksum()).isEqualTo(Checksum.MD5);
            assertThat(db.docCount()).isEqualTo(Long.parseLong(counts[0]));
            assertThat(db.docDelCount()).isEqualTo(Long.parseLong(counts[1]));
            WalkCounts walk = db.walkCounts();
            assertThat(walk.problems()).isEmpty();
            assertThat(walk.docCount()).isEqualTo(db.docCount());
            assertThat(walk.docDelCount()).isEqualTo(db.docDelCount());
            assertThat(walk.seqCount()).isEqualTo(Long.parseLong(seqCount));
            assertThat(walk.bodies()).isGreaterThanOrEqualTo(walk.docCount());
            // Filled in as couch_bt_engine_header:upgrade/1 does for v6's 14-field tuple.
            assertThat(db.header().purgeInfosLimit()).isEqualTo(1000);
        }
    }
}
