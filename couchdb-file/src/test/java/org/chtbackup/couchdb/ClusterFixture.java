package org.chtbackup.couchdb;

import static org.chtbackup.couchdb.HeaderFiles.atom;
import static org.chtbackup.couchdb.HeaderFiles.list;
import static org.chtbackup.couchdb.HeaderFiles.num;
import static org.chtbackup.couchdb.HeaderFiles.tuple;

import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangString;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes {@code fixtures/couchdb-cluster/}: the data directories of a three-node CouchDB 3.x cluster laid out as
 * a CHT 4.x clustered host snapshots them ({@code db1..db3} from {@code DB1_DATA..DB3_DATA}, nodes
 * {@code couchdb@couchdb-N.local}). Built from the on-disk format, not by CouchDB (none can run here): disk
 * version 8 headers with each node in the epochs, id and seq trees, MD5-checked summaries, {@code _dbs} with
 * {@code by_node}/{@code by_range}, {@code _nodes}. Documents go to ranges by CRC32 of the id, as mem3 does.
 *
 * <ul>
 *   <li>{@code medic}: q=2, n=3, 7 documents</li>
 *   <li>{@code _users}: q=1, n=3, 2 documents</li>
 *   <li>{@code medic-logs}: q=3, n=1, one range on each node, 6 documents</li>
 * </ul>
 * Deterministic: {@link ClusterFixtureTest} regenerates it and compares byte for byte.
 * Run {@code main} with the target folder to rewrite it.
 */
public final class ClusterFixture {

    public static final List<String> NODES =
            List.of("couchdb@couchdb-1.local", "couchdb@couchdb-2.local", "couchdb@couchdb-3.local");

    record Db(String name, String suffix, List<String> ranges, Map<String, List<String>> byRange, List<String> ids) {}

    public static final List<Db> DATABASES = List.of(
            db("medic", ".1764547200", 2, 3, List.of("contact-1", "contact-2", "report-1", "report-2", "report-3",
                    "place-1", "person-1")),
            db("_users", ".1764547201", 1, 3, List.of("org.couchdb.user:chw-1", "org.couchdb.user:admin-2")),
            db("medic-logs", ".1764547202", 3, 1, List.of("log-1", "log-2", "log-3", "log-4", "log-5", "log-6")));

    private ClusterFixture() {}

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length == 0 ? "fixtures/couchdb-cluster" : args[0]));
    }

    /** Writes db1, db2 and db3 under {@code root}. */
    public static void write(Path root) throws IOException {
        for (int n = 0; n < NODES.size(); n++) {
            String node = NODES.get(n);
            Path dir = root.resolve("db" + (n + 1));
            for (Db db : DATABASES) {
                for (String range : db.ranges()) {
                    if (db.byRange().get(range).contains(node)) {
                        List<Doc> docs = db.ids().stream().filter(id -> range(id, db.ranges()).equals(range))
                                .map(id -> new Doc(id, body("type", db.name().equals("medic-logs") ? "log" : "doc",
                                        "name", "fixture " + id))).toList();
                        database(docs, node, db.name() + range).writeTo(
                                dir.resolve("shards/" + range + "/" + db.name() + db.suffix() + ".couch"));
                    }
                }
            }
            List<Doc> maps = DATABASES.stream().map(ClusterFixture::shardMapDoc).toList();
            database(maps, node, "_dbs").writeTo(dir.resolve("_dbs.couch"));
            List<Doc> nodes = NODES.stream().map(name -> new Doc(name, tuple(list()))).toList();
            database(nodes, node, "_nodes").writeTo(dir.resolve("_nodes.couch"));
        }
    }

    /** The folder a node's data directory is restored to. */
    public static String folderOf(String node) {
        return "db" + (NODES.indexOf(node) + 1);
    }

    private static Db db(String name, String suffix, int q, int n, List<String> ids) {
        List<String> ranges = ranges(q);
        Map<String, List<String>> byRange = new LinkedHashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            byRange.put(ranges.get(i), n == NODES.size() ? NODES : List.of(NODES.get(i % NODES.size())));
        }
        return new Db(name, suffix, ranges, byRange, ids);
    }

    /** mem3's split of the 32-bit hash space into q ranges. */
    private static List<String> ranges(int q) {
        List<String> out = new ArrayList<>();
        long size = (1L << 32) / q;
        for (int i = 0; i < q; i++) {
            long begin = i * size;
            long end = i == q - 1 ? 0xffffffffL : begin + size - 1;
            out.add(String.format("%08x-%08x", begin, end));
        }
        return out;
    }

    static String range(String id, List<String> ranges) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        long hash = crc.getValue();
        return ranges.stream().filter(r -> Long.parseLong(r.substring(9), 16) >= hash).findFirst().orElseThrow();
    }

    private record Doc(String id, OtpErlangObject body) {}

    private static Doc shardMapDoc(Db db) {
        Map<String, List<String>> byNode = new TreeMap<>();
        List<OtpErlangObject> changelog = new ArrayList<>();
        db.byRange().forEach((range, nodes) -> nodes.forEach(node -> {
            byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(range);
            changelog.add(list(bin("add"), bin(range), bin(node)));
        }));
        return new Doc(db.name(), tuple(list(
                tuple(bin("shard_suffix"), new OtpErlangString(db.suffix())),
                tuple(bin("changelog"), list(changelog.toArray(OtpErlangObject[]::new))),
                tuple(bin("by_node"), object(byNode)),
                tuple(bin("by_range"), object(db.byRange())),
                tuple(bin("props"), tuple(list())))));
    }

    private static OtpErlangTuple object(Map<String, List<String>> members) {
        return tuple(list(members.entrySet().stream().map(e -> tuple(bin(e.getKey()),
                list(e.getValue().stream().map(ClusterFixture::bin).toArray(OtpErlangObject[]::new))))
                .toArray(OtpErlangObject[]::new)));
    }

    private static OtpErlangTuple body(String k1, String v1, String k2, String v2) {
        return tuple(list(tuple(bin(k1), bin(v1)), tuple(bin(k2), bin(v2))));
    }

    /**
     * One database file: each document's summary {Body, []}, then a kv_node per tree and a disk version 8 header
     * naming {@code node} as owner since seq 0.
     */
    private static CouchFileWriter database(List<Doc> docs, String node, String uuidSeed) {
        CouchFileWriter file = new CouchFileWriter();
        List<Doc> sorted = docs.stream().sorted(Comparator.comparing(Doc::id)).toList();
        List<OtpErlangObject> idEntries = new ArrayList<>();
        List<OtpErlangObject> seqEntries = new ArrayList<>();
        long seq = 0;
        for (Doc doc : sorted) {
            seq++;
            long size = CouchFileWriter.termToBinary(doc.body()).length;
            long ptr = file.append(tuple(doc.body(), list()), true);
            OtpErlangTuple sizes = tuple(num(size), num(size));
            OtpErlangObject revTree = list(tuple(num(1), tuple(new OtpErlangBinary(
                    CouchFileWriter.md5((doc.id() + seq).getBytes(StandardCharsets.UTF_8))),
                    tuple(num(0), num(ptr), num(seq), sizes, list()), list())));
            idEntries.add(tuple(bin(doc.id()), tuple(num(seq), num(0), sizes, revTree)));
            seqEntries.add(tuple(num(seq), tuple(bin(doc.id()), num(0), sizes, revTree)));
        }
        OtpErlangObject idState = atom("nil");
        OtpErlangObject seqState = atom("nil");
        if (!sorted.isEmpty()) {
            long idRoot = file.append(tuple(atom("kv_node"), list(idEntries.toArray(OtpErlangObject[]::new))), false);
            long seqRoot = file.append(tuple(atom("kv_node"), list(seqEntries.toArray(OtpErlangObject[]::new))), false);
            idState = tuple(num(idRoot), tuple(num(sorted.size()), num(0), tuple(atom("size_info"), num(0), num(0))),
                    num(0));
            seqState = tuple(num(seqRoot), num(sorted.size()), num(0));
        }
        String uuid = HexFormat.of().formatHex(CouchFileWriter.md5((uuidSeed + node).getBytes(StandardCharsets.UTF_8)));
        file.header(tuple(atom("db_header"), num(8), num(seq), num(0), idState, seqState, atom("nil"), atom("nil"),
                atom("nil"), atom("nil"), num(1000), bin(uuid), list(tuple(atom(node), num(0))), num(0), num(1000),
                atom("nil")));
        return file;
    }

    private static OtpErlangBinary bin(String s) {
        return new OtpErlangBinary(s.getBytes(StandardCharsets.UTF_8));
    }
}
