package org.chtbackup.couchdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.header.DbHeader;
import org.chtbackup.couchdb.shardmap.DbShards;
import org.chtbackup.couchdb.shardmap.ShardMap;

/**
 * A CouchDB data directory summarised per database: {@code shards/<range>/<db><suffix>.couch}
 * files grouped by database and checked against the shard map in {@code _dbs.couch}; node-local
 * files ({@code _dbs.couch}, {@code _nodes.couch}, 1.x databases) count as one-shard databases.
 * Compaction leftovers and deleted-database files are skipped, as CouchDB ignores them.
 * A directory with no database file at all is not a CouchDB data directory ({@link #isDataDirectory}).
 */
public final class DataDirectory {

    private static final Pattern SHARD_NAME = Pattern.compile("(.+)(\\.\\d+)\\.couch");

    private DataDirectory() {}

    /** Per-database summary with a full walk (nodes, bodies, attachment digests) of every file. */
    public static List<DatabaseSummary> summarise(Path dataDir) throws IOException {
        return inspect(dataDir, WalkDepth.BODIES).databases();
    }

    /**
     * The rule for "is this CouchDB data at all": the directory holds at least one database file
     * ({@code _dbs.couch}, a shard under {@code shards/}, or a 1.x {@code <db>.couch}), not counting
     * compaction leftovers and deleted databases. An empty directory, or one holding only other
     * files (view indexes alone included), is not one.
     */
    public static boolean isDataDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.anyMatch(p -> p.getFileName() != null && isDatabaseFile(p.getFileName().toString())
                    && Files.isRegularFile(p));
        }
    }

    /**
     * Everything found in the directory. A directory that is not CouchDB data gives a report whose
     * {@link DataDirectoryReport#isCouchDbData()} is false, never an empty "clean" one.
     *
     * @param depth how far to walk each file; null reads headers only
     */
    public static DataDirectoryReport inspect(Path dataDir, WalkDepth depth) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            throw new IOException(dataDir + " is not a directory: pass the CouchDB data directory (COUCHDB_DATA)");
        }
        List<Path> couchFiles = new ArrayList<>();
        List<Path> viewFiles = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dataDir)) {
            all.filter(Files::isRegularFile).sorted().forEach(p -> {
                String n = p.getFileName().toString();
                if (isDatabaseFile(n)) {
                    couchFiles.add(p);
                } else if (n.endsWith(".view") && !isLeftover(n)) {
                    viewFiles.add(p);
                }
            });
        }
        List<ShardReport> files = new ArrayList<>();
        for (Path p : couchFiles) {
            files.add(report(dataDir, p, depth));
        }
        ShardMap map = null;
        List<Problem> dirProblems = new ArrayList<>();
        Path dbs = dataDir.resolve("_dbs.couch");
        if (Files.isRegularFile(dbs)) {
            try {
                map = ShardMap.read(dbs);
                for (String p : map.problems()) {
                    dirProblems.add(new Problem(dbs, -1, p));
                }
            } catch (IOException e) {
                dirProblems.add(new Problem(dbs, offset(e), "shard map unreadable: " + reason(e)));
            }
        }
        List<ViewIndex> views = new ArrayList<>();
        List<Problem> dirWarnings = new ArrayList<>();
        for (Path v : viewFiles) {
            try {
                ViewIndex view = ViewIndex.read(v);
                views.add(view);
                dirProblems.addAll(view.problems());
                dirWarnings.addAll(view.warnings());
                checkViewAgainstShard(view, files, dirProblems);
            } catch (IOException | RuntimeException e) {
                dirProblems.add(new Problem(v, offset(e), "view index unreadable: " + reason(e)));
            }
        }
        return new DataDirectoryReport(dataDir, summaries(dataDir, files, map), List.copyOf(files), List.copyOf(views),
                map, List.copyOf(dirProblems), List.copyOf(dirWarnings));
    }

    private static boolean isDatabaseFile(String name) {
        return name.endsWith(".couch") && !isLeftover(name);
    }

    /** Compaction files and deleted databases: CouchDB ignores them, so does this report. */
    private static boolean isLeftover(String name) {
        return name.contains(".compact") || name.endsWith(".deleted.couch") || name.endsWith(".deleted.view");
    }

    private static ShardReport report(Path dataDir, Path file, WalkDepth depth) {
        Path rel = dataDir.relativize(file);
        String db;
        String range = null;
        String suffix = "";
        if (rel.getNameCount() >= 3 && rel.getName(0).toString().equals("shards")) {
            range = rel.getName(1).toString();
            String rest = rel.subpath(2, rel.getNameCount()).toString().replace('\\', '/');
            Matcher m = SHARD_NAME.matcher(rest);
            db = m.matches() ? m.group(1) : rest.replaceFirst("\\.couch$", "");
            suffix = m.matches() ? m.group(2) : "";
        } else {
            db = rel.toString().replace('\\', '/').replaceFirst("\\.couch$", "");
        }
        try (CouchFile cf = CouchFile.open(file)) {
            DbHeader h = cf.header();
            WalkCounts walk = depth == null ? null : cf.walkCounts(depth);
            String node = h.epochs().isEmpty() ? null : h.epochs().get(0).node();
            return new ShardReport(file, db, range, suffix, h.diskVersion(), h.updateSeq(), cf.docCount(),
                    cf.docDelCount(), node, walk, cf.problems(), cf.lastCommit());
        } catch (IOException | RuntimeException e) {
            return new ShardReport(file, db, range, suffix, -1, 0, 0, 0, null, null,
                    List.of(new Problem(file, offset(e), "unreadable: " + reason(e))));
        }
    }

    private static List<DatabaseSummary> summaries(Path dataDir, List<ShardReport> files, ShardMap map) {
        Map<String, List<ShardReport>> byDb = new TreeMap<>();
        Map<String, List<Problem>> problems = new HashMap<>();
        Map<String, List<Problem>> warnings = new HashMap<>();
        for (ShardReport r : files) {
            List<Problem> dbProblems = problems.computeIfAbsent(r.database(), k -> new ArrayList<>());
            dbProblems.addAll(r.problems());
            warnings.computeIfAbsent(r.database(), k -> new ArrayList<>()).addAll(r.warnings());
            DbShards entry = map == null ? null : map.databases().get(r.database());
            if (r.range() != null && map != null) {
                if (entry == null) {
                    dbProblems.add(new Problem(r.file(), -1, "not in the shard map: left over from a deleted database?"));
                    continue;
                }
                if (!entry.suffix().equals(r.suffix())) {
                    dbProblems.add(new Problem(r.file(), -1, "shard suffix " + r.suffix() + " differs from the shard map's "
                            + entry.suffix() + ": an older incarnation of the database, not counted"));
                    continue;
                }
            }
            byDb.computeIfAbsent(r.database(), k -> new ArrayList<>()).add(r);
        }
        if (map != null) {
            String node = dominantNode(files);
            for (DbShards entry : map.databases().values()) {
                for (String range : entry.rangesOn(node)) {
                    missingShard(dataDir, entry, range, node).ifPresent(missing -> problems
                            .computeIfAbsent(entry.name(), k -> new ArrayList<>()).add(missing));
                }
                byDb.computeIfAbsent(entry.name(), k -> new ArrayList<>());
            }
        }
        List<DatabaseSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<ShardReport>> e : byDb.entrySet()) {
            long docs = 0;
            long del = 0;
            long seq = 0;
            for (ShardReport r : e.getValue()) {
                docs += Math.max(0, r.docCount());
                del += Math.max(0, r.docDelCount());
                seq += r.updateSeq();
            }
            out.add(new DatabaseSummary(e.getKey(), docs, del, seq, e.getValue().size(),
                    List.copyOf(problems.getOrDefault(e.getKey(), List.of())),
                    List.copyOf(warnings.getOrDefault(e.getKey(), List.of()))));
        }
        out.sort(Comparator.comparing(DatabaseSummary::name));
        return List.copyOf(out);
    }

    /** The problem when {@code dataDir} lacks the copy of {@code range} the shard map places on {@code node}. */
    static Optional<Problem> missingShard(Path dataDir, DbShards db, String range, String node) {
        Path expected = dataDir.resolve(db.shardFile(range));
        return Files.isRegularFile(expected) ? Optional.empty() : Optional.of(new Problem(expected, -1,
                "shard missing: the shard map places range " + range + " on " + node));
    }

    /** The node most shard headers name as owner: the node this data directory belongs to. */
    static String dominantNode(List<ShardReport> files) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        files.stream().filter(r -> r.node() != null && r.range() != null).forEach(r -> votes.merge(r.node(), 1, Integer::sum));
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** A view that indexed past its shard's update_seq was copied after the shard: CouchDB rebuilds it. */
    private static void checkViewAgainstShard(ViewIndex view, List<ShardReport> files, List<Problem> out) {
        if (view.database() == null) {
            return;
        }
        for (ShardReport r : files) {
            if (view.database().equals(r.database()) && Objects.equals(view.range(), r.range())
                    && Objects.equals(view.shardSuffix(), r.suffix()) && view.updateSeq() > r.updateSeq()) {
                out.add(new Problem(view.file(), view.headerOffset(), "view indexed to seq " + view.updateSeq()
                        + " but its shard ends at " + r.updateSeq() + ": CouchDB will rebuild this index"));
            }
        }
    }

    static long offset(Exception e) {
        return e instanceof CouchFormatException c ? c.offset() : -1;
    }

    static String reason(Exception e) {
        return e instanceof CouchFormatException c ? c.reason() : String.valueOf(e.getMessage());
    }
}
