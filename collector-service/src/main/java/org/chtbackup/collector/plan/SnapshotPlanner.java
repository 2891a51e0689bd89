package org.chtbackup.collector.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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

    /** As {@link #plan(HostLayout, BiConsumer)}, ignoring what is skipped. */
    public List<PlannedFile> plan(HostLayout layout) {
        return plan(layout, (file, reason) -> { });
    }

    /**
     * The snapshot's files: regular files only. A symbolic link inside a root is not followed (it could lead
     * anywhere on the host, or loop), and FIFOs, sockets and devices are not read (a FIFO blocks its reader, a
     * device never ends); each one goes to {@code skipped} as "root folder/path" with the reason, as does a file
     * whose name is not valid in the JVM's file-name encoding (its bytes would not survive the manifest).
     */
    public List<PlannedFile> plan(HostLayout layout, BiConsumer<String, String> skipped) {
        List<PlannedFile> files = new ArrayList<>();
        List<PlannedFile> couch = new ArrayList<>();
        layout.dataDirs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(node -> couch.addAll(walk(Root.COUCHDB_DATA, node.getValue(), node.getKey(), skipped)));
        files.addAll(couch.stream().filter(f -> f.kind() == FileKind.VIEW_INDEX).toList());
        files.addAll(couch.stream().filter(f -> f.kind() == FileKind.DATABASE).toList());
        files.addAll(couch.stream().filter(f -> f.kind() == FileKind.COUCHDB_OTHER).toList());
        for (Map.Entry<Root, Path> root : List.of(
                entry(layout, Root.COUCHDB_CONFIG), entry(layout, Root.COMPOSE),
                entry(layout, Root.UPGRADE_SERVICE), entry(layout, Root.TLS))) {
            if (root.getValue() != null) {
                files.addAll(walk(root.getKey(), root.getValue(), "", skipped));
            }
        }
        return files;
    }

    private static Map.Entry<Root, Path> entry(HostLayout layout, Root root) {
        return new java.util.AbstractMap.SimpleEntry<>(root, layout.roots().get(root));
    }

    /** Files under {@code dir}; {@code prefix} names a clustered node's folder in the manifest ("" if none). */
    private static List<PlannedFile> walk(Root root, Path dir, String prefix, BiConsumer<String, String> skipped) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir) && regular(root, dir, p, prefix, skipped))
                    .map(p -> toPlanned(root, dir, p, prefix))
                    .filter(f -> f != null)
                    .sorted(Comparator.comparing(PlannedFile::path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + " failed", e);
        }
    }

    /** True for a regular file; anything else but a folder is reported as skipped, with what it is. */
    private static boolean regular(Root root, Path dir, Path file, String prefix, BiConsumer<String, String> skipped) {
        String name = dir.relativize(file).toString();
        if (name.indexOf('\uFFFD') >= 0) {
            // The bytes of such a name do not survive the manifest, so a restore could not give it back.
            skipped.accept(shown(root, name, prefix), "its name is not valid " + System.getProperty("sun.jnu.encoding",
                    "UTF-8") + " (rename it; a collector must run with LANG=C.UTF-8)");
            return false;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            skipped.accept(shown(root, name, prefix), "cannot be read: " + e.getClass().getSimpleName());
            return false;
        }
        if (attributes.isRegularFile() || attributes.isDirectory()) {
            return attributes.isRegularFile();
        }
        String what = attributes.isSymbolicLink() ? "a symbolic link, not followed"
                : "not a regular file (a FIFO, socket or device), not read";
        skipped.accept(shown(root, name, prefix), what);
        return false;
    }

    /** A skipped entry as the status names it: the root's folder, then its path as the manifest would have it. */
    private static String shown(Root root, String path, String prefix) {
        return root.folder() + "/" + inManifest(path.replace('\\', '/'), prefix);
    }

    /** A path under a root as the manifest holds it: under its clustered node's folder, if any. */
    private static String inManifest(String path, String prefix) {
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    private static PlannedFile toPlanned(Root root, Path dir, Path file, String prefix) {
        String path = dir.relativize(file).toString().replace('\\', '/');
        String name = file.getFileName().toString();
        if (name.endsWith(".compact.data") || name.endsWith(".compact.meta") || name.endsWith(".compact.view")
                || path.startsWith(".delete/")
                || path.contains("/.delete/")) {
            return null;
        }
        return new PlannedFile(root, inManifest(path, prefix), kindOf(root, path, name), file);
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
