package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.chtbackup.couchdb.doc.Document;
import org.junit.jupiter.api.Test;

class CouchFileTest {

    @Test
    void v6HeaderKeepsItsPurgeSeqWhereV7HasPurgeTrees() throws IOException {
        try (CouchFile v6 = CouchFile.open(Fixtures.couchdb("db_v6_with_2_purge_req.couch"));
                CouchFile v7 = CouchFile.open(Fixtures.couchdb("db_v7_with_1_purge_req_for_2_docs.couch"))) {
            assertThat(v6.header().legacyPurgeSeq()).isEqualTo(2);
            assertThat(v6.header().purgeTree()).isNull();
            assertThat(v6.header().propsPtr()).isEqualTo(-1);
            assertThat(v7.header().legacyPurgeSeq()).isEqualTo(-1);
            assertThat(v7.walkCounts().purgeCount()).isEqualTo(2);
        }
    }

    @Test
    void readsLocalDocsFromAMultiLevelLocalTree() throws IOException {
        try (CouchFile db = CouchFile.open(Fixtures.couchdb("db_v6_without_purge_req.couch"))) {
            List<Document> local = db.localDocs();
            assertThat(local).hasSize(4).allMatch(Document::isLocal);
            assertThat(local).anyMatch(d -> d.id().startsWith("_local/shard-sync-"));
            Document first = db.readDoc(local.get(0).id()).orElseThrow();
            assertThat(first.bodyJson()).startsWith("{").isEqualTo(local.get(0).bodyJson());
            assertThat(db.problems()).isEmpty();
        }
    }

    @Test
    void readsWinningRevisionBodyAsJson() throws IOException {
        try (CouchFile db = CouchFile.open(Fixtures.couchdb("db_non_partitioned.couch"))) {
            Document snipe = db.readDoc("snipe").orElseThrow();
            assertThat(snipe.rev()).matches("\\d+-[0-9a-f]{32}");
            assertThat(snipe.deleted()).isFalse();
            assertThat(snipe.bodyJson()).startsWith("{").endsWith("}").containsPattern("\\d\\.\\d");
            assertThat(snipe.toString()).doesNotContain(snipe.bodyJson());
            assertThat(db.readDoc("no-such-doc")).isEmpty();
        }
    }

    @Test
    void oldFormatIdTreeValuesAndRevisionHistories() throws IOException {
        try (CouchFile db = CouchFile.open(Fixtures.couchdb("test.couch"))) {
            List<Document> docs = new java.util.ArrayList<>();
            db.forEachDoc(docs::add);
            assertThat(docs).hasSize(4);
            assertThat(docs).anyMatch(d -> d.rev().startsWith("2-"));
            assertThat(db.problems()).isEmpty();
        }
    }
}
