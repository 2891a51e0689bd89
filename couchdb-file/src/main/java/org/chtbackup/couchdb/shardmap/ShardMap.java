package org.chtbackup.couchdb.shardmap;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.btree.BtreeReader;
import org.chtbackup.couchdb.btree.Counter;
import org.chtbackup.couchdb.doc.DocReader;
import org.chtbackup.couchdb.doc.FullDocInfo;
import org.chtbackup.couchdb.doc.Leaf;
import org.chtbackup.couchdb.header.DbHeader;
import org.chtbackup.couchdb.header.HeaderLocator;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * The shard map read from a node's {@code _dbs.couch}: one document per database, id = name, with
 * {@code shard_suffix} (a charlist) and {@code by_range} ({range: [node]}).
 *
 * @param databases by name, sorted
 * @param problems  unreadable documents or nodes, each with its offset
 */
public record ShardMap(Path file, Map<String, DbShards> databases, List<String> problems) {

    public static ShardMap read(Path dbsFile) throws IOException {
        try (BlockFile file = BlockFile.open(dbsFile)) {
            DbHeader header = HeaderLocator.findNewest(file, DbHeader::parse).header();
            DocReader docs = new DocReader(file);
            Map<String, DbShards> out = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            var result = new BtreeReader(file).walk(header.idTree(), Counter.NONE, (node, k, v) -> {
                FullDocInfo info = FullDocInfo.fromIdTree(k, v);
                Leaf winner = info.winner();
                if (winner == null || winner.deleted() || !winner.hasBody() || info.id().startsWith("_design/")) {
                    return;
                }
                try {
                    out.put(info.id(), entry(info.id(), docs.readSummary(winner.pointer()).body()));
                } catch (CouchFormatException e) {
                    problems.add("offset " + e.offset() + ": shard map of '" + info.id() + "': " + e.reason());
                } catch (TermException e) {
                    problems.add("offset " + winner.pointer() + ": shard map of '" + info.id() + "': " + e.getMessage());
                }
            });
            result.damages().forEach(d -> problems.add("offset " + d.offset() + ": " + d.message()));
            return new ShardMap(dbsFile, java.util.Collections.unmodifiableMap(out), List.copyOf(problems));
        }
    }

    private static DbShards entry(String name, OtpErlangObject body) {
        Map<String, OtpErlangObject> props = object(body, "shard map doc");
        OtpErlangObject suffix = props.get("shard_suffix");
        Map<String, List<String>> byRange = new TreeMap<>();
        OtpErlangObject ranges = props.get("by_range");
        if (ranges != null) {
            for (Map.Entry<String, OtpErlangObject> e : object(ranges, "by_range").entrySet()) {
                List<String> nodes = new ArrayList<>();
                for (OtpErlangObject n : Terms.list(e.getValue(), "by_range nodes")) {
                    nodes.add(Terms.text(n, "node"));
                }
                byRange.put(e.getKey(), List.copyOf(nodes));
            }
        }
        return new DbShards(name, suffix == null ? "" : suffixText(suffix), java.util.Collections.unmodifiableMap(byRange));
    }

    /** shard_suffix is stored as a list of character codes (".1795666429"). */
    private static String suffixText(OtpErlangObject suffix) {
        if (!Terms.isList(suffix)) {
            return Terms.text(suffix, "shard_suffix");
        }
        StringBuilder sb = new StringBuilder();
        for (OtpErlangObject c : Terms.list(suffix, "shard_suffix")) {
            sb.appendCodePoint((int) Terms.longValue(c, "shard_suffix char"));
        }
        return sb.toString();
    }

    private static Map<String, OtpErlangObject> object(OtpErlangObject ejson, String what) {
        OtpErlangTuple t = Terms.tuple(ejson, 1, what);
        Map<String, OtpErlangObject> out = new LinkedHashMap<>();
        for (OtpErlangObject member : Terms.list(t.elementAt(0), what)) {
            OtpErlangTuple kv = Terms.tuple(member, 2, what + " member");
            out.put(Terms.text(kv.elementAt(0), what + " key"), kv.elementAt(1));
        }
        return out;
    }
}
