package org.chtbackup.collector.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.contracts.manifest.FileKind;
import org.chtbackup.contracts.manifest.Root;

/**
 * Orders a snapshot's files. A view index newer than its database forces CouchDB to rebuild it from scratch,
 * so {@code .shards/} is copied before {@code shards/} and the top-level {@code _dbs.couch}/{@code _nodes.couch}.
 * Compaction files ({@code *.compact.data}, {@code *.compact.meta}, a view's {@code *.compact.view}) are replaced by CouchDB on the next
 * compaction and {@code .delete/} holds deleted databases: neither is state worth restoring. On a clustered
 * host each node's data directory is planned under its own folder ({@code db1/}, {@code db2/}, ...), views of
 * every node before any database.
 */
public final class SnapshotPlanner {

    public List<PlannedFile> plan(HostLayout layout) {
        List<PlannedFile> files = new ArrayList<>();
        List<PlannedFile> couch = new ArrayList<>();
        layout.dataDirs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(node -> couch.addAll(walk(Root.COUCHDB_DATA, node.getValue(), node.getKey())));
        files.addAll(couch.stream().filter(f -> f.kind() == FileKind.VIEW_INDEX).toList());
        files.addAll(couch.stream().filter(f -> f.kind() == FileKind.DATABASE).toList());
        files.addAll(couch.stream().filter(f -> f.kind() == FileKind.COUCHDB_OTHER).toList());
        for (Map.Entry<Root, Path> root : List.of(
                entry(layout, Root.COUCHDB_CONFIG), entry(layout, Root.COMPOSE),
                entry(layout, Root.UPGRADE_SERVICE), entry(layout, Root.TLS))) {
            if (root.getValue() != null) {
                files.addAll(walk(root.getKey(), root.getValue(), ""));
            }
        }
        return files;
    }

    private static Map.Entry<Root, Path> entry(HostLayout layout, Root root) {
        return new java.util.AbstractMap.SimpleEntry<>(root, layout.roots().get(root));
    }

    /** Files under {@code dir}; {@code prefix} names a clustered node's folder in the manifest ("" if none). */
    private List<PlannedFile> walk(Root root, Path dir, String prefix) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> toPlanned(root, dir, p, prefix))
                    .filter(f -> f != null)
                    .sorted(Comparator.comparing(PlannedFile::path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + " failed", e);
        }
    }

    private static PlannedFile toPlanned(Root root, Path dir, Path file, String prefix) {
        String path = dir.relativize(file).toString().replace('\\', '/');
        String name = file.getFileName().toString();
        if (name.endsWith(".compact.data") || name.endsWith(".compact.meta") || name.endsWith(".compact.view")
                || path.startsWith(".delete/")
                || path.contains("/.delete/")) {
            return null;
        }
        return new PlannedFile(root, prefix.isEmpty() ? path : prefix + "/" + path, kindOf(root, path, name), file);
    }

    private static FileKind kindOf(Root root, String path, String name) {
        return switch (root) {
            case COUCHDB_DATA -> {
                if (path.startsWith(".shards/")) {
                    yield FileKind.VIEW_INDEX;
                }
                boolean database = name.endsWith(".couch") && (path.startsWith("shards/") || !path.contains("/"));
                yield database ? FileKind.DATABASE : FileKind.COUCHDB_OTHER;
            }
            case COUCHDB_CONFIG -> FileKind.COUCHDB_CONFIG;
            case TLS -> FileKind.TLS;
            case COMPOSE, UPGRADE_SERVICE -> name.equals(".env") ? FileKind.ENV : FileKind.COMPOSE;
        };
    }
}
