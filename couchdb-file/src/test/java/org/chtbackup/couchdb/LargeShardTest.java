package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.chtbackup.couchdb.doc.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The 40 MB compacted medic shard (CouchDB 3.4.3, not kept in the repository): multi-level trees, counts from its
 * README. Opt-in: {@code ./mvnw -pl couchdb-file verify -Plarge-fixtures -Dcht.large-shard=<file>}.
 */
@Tag("large-fixtures")
class LargeShardTest {

    @Test
    void countsAndDeepTrees() throws IOException {
        try (CouchFile db = CouchFile.open(Fixtures.largeShard())) {
            assertThat(db.docCount()).isEqualTo(59_994);
            assertThat(db.docDelCount()).isEqualTo(20);
            assertThat(db.updateSeq()).isEqualTo(60_046);
            WalkCounts walk = db.walkCounts();
            assertThat(walk.problems()).isEmpty();
            assertThat(walk.docCount()).isEqualTo(59_994);
            assertThat(walk.docDelCount()).isEqualTo(20);
            assertThat(walk.seqCount()).isEqualTo(60_014);
            assertThat(walk.idTreeDepth()).isGreaterThan(1);
            assertThat(walk.seqTreeDepth()).isGreaterThan(1);
            assertThat(walk.attachments()).isEqualTo(5);
            Document ddoc = db.readDoc("_design/medic-client").orElseThrow();
            assertThat(ddoc.bodyJson()).contains("\"views\"");
        }
    }
}
