package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chtbackup.couchdb.doc.Attachment;
import org.chtbackup.couchdb.doc.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CHT host's real CouchDB 3.4.3 data directory against what that CouchDB answered over HTTP. */
class DataDirectoryTest {

    private static DataDirectoryReport report;

    @BeforeAll
    static void inspect() throws IOException {
        report = DataDirectory.inspect(Fixtures.chtDataDir(), WalkDepth.BODIES);
    }

    /** {db: [doc_count, doc_del_count]} from live-stats.json (shape: "db": {"cluster": {...}, "doc_count": N, ...}). */
    static Map<String, long[]> liveStats() throws IOException {
        String json = Files.readString(Fixtures.root().resolve("cht-host/live-stats.json"));
        Matcher m = Pattern.compile("\"([^\"]+)\":\\s*\\{\\s*\"cluster\":\\s*\\{[^}]*\\},\\s*\"doc_count\":\\s*(\\d+),"
                + "\\s*\"doc_del_count\":\\s*(\\d+)").matcher(json);
        Map<String, long[]> out = new HashMap<>();
        while (m.find()) {
            out.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return out;
    }

    @Test
    void countsSummedOverShardsEqualLiveStatistics() throws IOException {
        Map<String, long[]> live = liveStats();
        assertThat(live).hasSize(9);
        for (Map.Entry<String, long[]> e : live.entrySet()) {
            DatabaseSummary db = report.database(e.getKey());
            assertThat(db).as(e.getKey()).isNotNull();
            assertThat(new long[] {db.docCount(), db.docDelCount()}).as(e.getKey()).containsExactly(e.getValue());
            assertThat(db.problems()).as(e.getKey()).isEmpty();
        }
        assertThat(report.database("medic").shards()).isEqualTo(12);
        assertThat(report.database("_users").shards()).isEqualTo(2);
        assertThat(DataDirectory.summarise(Fixtures.chtDataDir())).extracting(DatabaseSummary::name).contains("medic");
    }

    @Test
    void walkAgreesWithRootReductionsAndFindsNoDamage() {
        assertThat(report.problems()).isEmpty();
        for (ShardReport f : report.files()) {
            assertThat(f.walk().problems()).as(f.file().toString()).isEmpty();
            assertThat(f.walk().docCount()).isEqualTo(f.docCount());
            assertThat(f.walk().docDelCount()).isEqualTo(f.docDelCount());
        }
        long deleted = report.files().stream().filter(f -> "medic".equals(f.database())).mapToLong(f -> f.walk().docDelCount()).sum();
        assertThat(deleted).isEqualTo(20);
    }

    @Test
    void shardMapNamesTheNodeAndEveryShard() {
        var medic = report.shardMap().databases().get("medic");
        assertThat(medic.suffix()).isEqualTo(".1795666429");
        assertThat(medic.byRange()).hasSize(12).allSatisfy((range, nodes) -> assertThat(nodes).containsExactly("couchdb@127.0.0.1"));
        assertThat(report.files()).filteredOn(f -> "medic".equals(f.database())).allMatch(f -> "couchdb@127.0.0.1".equals(f.node()));
    }

    @Test
    void viewIndexesBelongToTheirShards() {
        assertThat(report.views()).hasSize(12).allSatisfy(v -> {
            assertThat(v.database()).isEqualTo("medic");
            assertThat(v.signature()).isEqualTo("737ecb8792732706ad860ad6313c17c8");
            assertThat(v.problems()).isEmpty();
        });
    }

    @Test
    void attachmentsReadBackWithTheirDigests() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Path shard : medicShards()) {
            try (CouchFile db = CouchFile.open(shard)) {
                List<Document> docs = new ArrayList<>();
                db.forEachDoc(d -> {
                    if (!d.attachments().isEmpty()) {
                        docs.add(d);
                    }
                });
                for (Document d : docs) {
                    for (Attachment a : d.attachments()) {
                        byte[] stored = db.readAttachment(a);
                        assertThat(stored).hasSize((int) a.length());
                        String digest = "md5-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(stored));
                        assertThat(digest).isEqualTo(a.digest());
                        if (a.gzipped()) {
                            byte[] plain = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(stored)).readAllBytes();
                            assertThat(plain).hasSize((int) a.diskLength());
                        }
                        checked.add(d.id() + "/" + a.name());
                    }
                }
                assertThat(db.problems()).isEmpty();
            }
        }
        assertThat(checked).filteredOn(s -> s.startsWith("form:") && s.endsWith("/xml")).hasSize(4);
        assertThat(checked).filteredOn(s -> s.endsWith("/photo.jpg")).hasSize(1);
    }

    @Test
    void theConflictIsSeen() throws IOException {
        List<Document> conflicted = new ArrayList<>();
        for (Path shard : medicShards()) {
            try (CouchFile db = CouchFile.open(shard)) {
                db.forEachDoc(d -> {
                    if (!d.conflicts().isEmpty()) {
                        conflicted.add(d);
                    }
                });
            }
        }
        assertThat(conflicted).hasSize(1);
        Document d = conflicted.get(0);
        assertThat(d.conflicts()).hasSize(1).doesNotContain(d.rev());
    }

    @Test
    void sentinelStateInLocalDocsIsReadable() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Fixtures.chtDataDir().resolve("shards"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("medic-sentinel.")).toList()) {
                try (CouchFile db = CouchFile.open(p)) {
                    db.localDocs().forEach(d -> ids.add(d.id()));
                }
            }
        }
        assertThat(ids).contains("_local/sentinel-meta-data");
    }

    static List<Path> medicShards() throws IOException {
        try (Stream<Path> s = Files.walk(Fixtures.chtDataDir().resolve("shards"))) {
            return s.filter(p -> p.getFileName().toString().matches("medic\\.\\d+\\.couch")).sorted().toList();
        }
    }
}
