package org.chtbackup.couchdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.chtbackup.couchdb.shardmap.DbShards;
import org.chtbackup.couchdb.shardmap.ShardMap;

/**
 * The data directories of a clustered CouchDB, one folder per node (CHT 4.x: {@code DB1_DATA..DB3_DATA}, kept as
 * {@code db1..db3} in a snapshot), checked as the cluster sees them: the shard map read from a node that holds one,
 * every range of every database against the files of each node the map places it on, and per-database counts
 * summed over the ranges with one copy each, as {@code GET /{db}} sums them.
 */
public final class ClusterDirectory {

    /**
     * One node's folder.
     *
     * @param node the owner named by most of its shard headers' epochs; null when no shard names one
     */
    public record NodeDirectory(String folder, Path directory, String node, DataDirectoryReport report) {}

    /**
     * @param shardMap  the map the ranges were checked against; null when no node holds a readable one
     * @param databases clustered databases summed over ranges; node-local ones ({@code _dbs}, {@code _nodes})
     *                  once, with every node's problems
     */
    public record Report(Path directory, List<NodeDirectory> nodes, ShardMap shardMap, List<DatabaseSummary> databases,
                         List<Problem> problems, List<Problem> warnings) {

        /** The folder of a node, or null when the snapshot holds none for it. */
        public NodeDirectory folderOf(String node) {
            return nodes.stream().filter(n -> Objects.equals(n.node(), node)).findFirst().orElse(null);
        }
    }

    private ClusterDirectory() {}

    /**
     * True when {@code dir} holds no database file of its own but at least one sub-folder that is a CouchDB data
     * directory: the layout of a clustered host's snapshot.
     */
    public static boolean isCluster(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve("_dbs.couch")) || Files.isDirectory(dir.resolve("shards"))) {
            return false;
        }
        return !nodeFolders(dir).isEmpty();
    }

    /** The sub-folders that are CouchDB data directories, by name. */
    public static List<Path> nodeFolders(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isDirectory(child) && DataDirectory.isDataDirectory(child)) {
                    out.add(child);
                }
            }
        }
        return out;
    }

    public static Report inspect(Path dir, WalkDepth depth) throws IOException {
        List<NodeDirectory> nodes = new ArrayList<>();
        for (Path folder : nodeFolders(dir)) {
            DataDirectoryReport report = DataDirectory.inspect(folder, depth);
            nodes.add(new NodeDirectory(folder.getFileName().toString(), folder,
                    DataDirectory.dominantNode(report.files()), report));
        }
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        nodes.forEach(n -> {
            problems.addAll(n.report().problems());
            warnings.addAll(n.report().warnings());
        });
        ShardMap map = nodes.stream().map(n -> n.report().shardMap()).filter(Objects::nonNull)
                .max(Comparator.comparingInt(m -> m.databases().size())).orElse(null);
        if (map == null) {
            problems.add(new Problem(dir, -1, "no node folder holds a readable _dbs.couch: without the shard map"
                    + " CouchDB knows none of the databases, and their ranges cannot be checked"));
        }
        Map<String, List<Problem>> dbProblems = new TreeMap<>();
        for (NodeDirectory n : nodes) {
            for (DatabaseSummary db : n.report().databases()) {
                dbProblems.computeIfAbsent(db.name(), k -> new ArrayList<>()).addAll(db.problems());
            }
            if (n.report().shardMap() == null) {
                problems.add(new Problem(n.directory().resolve("_dbs.couch"), -1, "node " + nodeName(n)
                        + " has no readable _dbs.couch: CouchDB on it would not know the cluster's databases"));
            }
        }
        if (map != null) {
            checkRanges(map, nodes, dbProblems);
        }
        List<DatabaseSummary> databases = summaries(nodes, map, dbProblems);
        return new Report(dir, List.copyOf(nodes), map, databases, List.copyOf(problems), List.copyOf(warnings));
    }

    /**
     * Every range against every node the map places it on. A node whose own {@code _dbs.couch} was read already
     * checked its ranges ({@link DataDirectory}); the others, and nodes with no folder at all, are checked here.
     * A range with no copy anywhere is lost for the whole cluster and says so.
     */
    private static void checkRanges(ShardMap map, List<NodeDirectory> nodes, Map<String, List<Problem>> dbProblems) {
        Map<String, NodeDirectory> byNode = new LinkedHashMap<>();
        nodes.stream().filter(n -> n.node() != null).forEach(n -> byNode.putIfAbsent(n.node(), n));
        for (DbShards db : map.databases().values()) {
            List<Problem> out = dbProblems.computeIfAbsent(db.name(), k -> new ArrayList<>());
            for (Map.Entry<String, List<String>> range : db.byRange().entrySet()) {
                int copies = 0;
                for (String node : range.getValue()) {
                    NodeDirectory folder = byNode.get(node);
                    if (folder == null) {
                        out.add(new Problem(null, -1, "range " + range.getKey() + " on node " + node
                                + ": the snapshot holds no data directory of that node"));
                        continue;
                    }
                    Optional<Problem> missing = DataDirectory.missingShard(folder.directory(), db, range.getKey(), node);
                    if (missing.isEmpty()) {
                        copies++;
                    } else if (folder.report().shardMap() == null) {
                        out.add(missing.get());
                    }
                }
                if (copies == 0) {
                    out.add(new Problem(null, -1, "range " + range.getKey() + " has no copy in the snapshot (the"
                            + " shard map places it on " + String.join(", ", range.getValue()) + "): its documents"
                            + " are lost"));
                }
            }
        }
    }

    /** Clustered databases: per range the most advanced copy (highest update_seq) counts, as one copy per range. */
    private static List<DatabaseSummary> summaries(List<NodeDirectory> nodes, ShardMap map,
                                                   Map<String, List<Problem>> dbProblems) {
        Map<String, Map<String, ShardReport>> bestByDb = new TreeMap<>();
        Map<String, Integer> files = new TreeMap<>();
        Map<String, List<Problem>> warnings = new TreeMap<>();
        for (NodeDirectory n : nodes) {
            for (ShardReport r : n.report().files()) {
                DbShards entry = map == null ? null : map.databases().get(r.database());
                boolean counted = r.range() == null
                        || entry != null && entry.suffix().equals(r.suffix()) && r.problems().isEmpty();
                files.merge(r.database(), 1, Integer::sum);
                warnings.computeIfAbsent(r.database(), k -> new ArrayList<>()).addAll(r.warnings());
                if (counted) {
                    String key = r.range() == null ? "" : r.range();
                    bestByDb.computeIfAbsent(r.database(), k -> new TreeMap<>())
                            .merge(key, r, (a, b) -> b.updateSeq() > a.updateSeq() ? b : a);
                }
            }
        }
        TreeSet<String> names = new TreeSet<>(files.keySet());
        names.addAll(dbProblems.keySet());
        if (map != null) {
            names.addAll(map.databases().keySet());
        }
        List<DatabaseSummary> out = new ArrayList<>();
        for (String name : names) {
            long docs = 0;
            long deleted = 0;
            long seq = 0;
            for (ShardReport r : bestByDb.getOrDefault(name, Map.of()).values()) {
                docs += Math.max(0, r.docCount());
                deleted += Math.max(0, r.docDelCount());
                seq += r.updateSeq();
            }
            out.add(new DatabaseSummary(name, docs, deleted, seq, files.getOrDefault(name, 0),
                    List.copyOf(dbProblems.getOrDefault(name, List.of())),
                    List.copyOf(warnings.getOrDefault(name, List.of()))));
        }
        return List.copyOf(out);
    }

    private static String nodeName(NodeDirectory n) {
        return n.node() == null ? "in " + n.folder() : n.node() + " (" + n.folder() + ")";
    }
}
