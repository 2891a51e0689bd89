package org.chtbackup.collector.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.chunking.FastCdcChunker;
import org.chtbackup.collector.plan.PlannedFile;
import org.chtbackup.collector.packing.PackBuilder;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.FileKind;
import org.chtbackup.contracts.packs.ChunkLocation;

/**
 * Streams one file through the chunker, packing each chunk neither packed in this snapshot nor confirmed stored
 * everywhere, and returns its manifest entry; every chunk's location goes into the snapshot's map. Size and SHA-256
 * are of the bytes actually read.
 *
 * <p>CouchDB files are append-only: one that grows while read is still valid up to its last complete header,
 * so growth is accepted. A file that shrinks while read, or a config file whose size or mtime changes, is read
 * again, up to {@link #ATTEMPTS} times; then the snapshot fails rather than record a torn copy. A file deleted
 * before it could be opened (a database deleted meanwhile) is reported as vanished.
 */
final class FileCopier {

    static final int ATTEMPTS = 3;

    private final ChunkIds ids;
    private final ChunkSizes sizes;
    private final Function<String, ChunkLocation> storedEverywhere;

    /** @param storedEverywhere where a chunk confirmed in every location lies, or null when it must be sent */
    FileCopier(ChunkIds ids, ChunkSizes sizes, Function<String, ChunkLocation> storedEverywhere) {
        this.ids = ids;
        this.sizes = sizes;
        this.storedEverywhere = storedEverywhere;
    }

    /** The file's entry, or null when it vanished before it could be read. */
    FileEntry copy(PlannedFile file, Map<String, ChunkLocation> located, PackBuilder packs, SnapshotProgress progress,
                   Runnable tick) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Attempt result;
            try {
                result = copyOnce(file, located, packs, progress, tick);
            } catch (NoSuchFileException e) {
                return null;
            }
            if (result.changed() == null) {
                return result.entry();
            }
            progress.unread(result.entry().size());
            if (attempt == ATTEMPTS) {
                throw new FileChangedException(file.root().folder() + "/" + file.path() + " " + result.changed()
                        + " in each of " + ATTEMPTS + " attempts to copy it: take the snapshot again when it is quiet");
            }
        }
    }

    private record Attempt(FileEntry entry, String changed) {
    }

    private Attempt copyOnce(PlannedFile file, Map<String, ChunkLocation> located, PackBuilder packs,
                             SnapshotProgress progress, Runnable tick) throws IOException {
        BasicFileAttributes before = Files.readAttributes(file.source(), BasicFileAttributes.class);
        MessageDigest sha256 = sha256();
        List<String> chunks = new ArrayList<>();
        long size = 0;
        long sizeAtEnd;
        try (FileChannel channel = FileChannel.open(file.source(), StandardOpenOption.READ);
             InputStream in = new DigestInputStream(Channels.newInputStream(channel), sha256)) {
            FastCdcChunker chunker = new FastCdcChunker(in, sizes);
            for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
                String id = ids.idOf(chunk);
                if (!located.containsKey(id)) {
                    ChunkLocation at = storedEverywhere.apply(id);
                    if (at == null) {
                        at = packs.add(chunk);
                        progress.chunkSent(chunk.length);
                    }
                    located.put(id, at);
                }
                chunks.add(id);
                size += chunk.length;
                progress.bytesRead(chunk.length);
                tick.run();
            }
            sizeAtEnd = channel.size();
        }
        FileEntry entry = new FileEntry(file.root(), file.path(), file.kind(), size, mode(file),
                before.lastModifiedTime().toInstant(), HexFormat.of().formatHex(sha256.digest()), chunks);
        return new Attempt(entry, changed(file, before, size, sizeAtEnd));
    }

    /** Why the bytes read are not one consistent state of the file, or null when they are. */
    private static String changed(PlannedFile file, BasicFileAttributes before, long read, long sizeAtEnd)
            throws IOException {
        if (sizeAtEnd < read) {
            return "was truncated while read (" + read + " bytes read, " + sizeAtEnd + " left)";
        }
        if (file.kind() == FileKind.DATABASE || file.kind() == FileKind.VIEW_INDEX) {
            return null;
        }
        BasicFileAttributes after;
        try {
            after = Files.readAttributes(file.source(), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return read == before.size() ? null : "changed and was removed while read";
        }
        boolean same = read == before.size() && after.size() == read
                && after.lastModifiedTime().equals(before.lastModifiedTime());
        return same ? null : "changed while read (size " + before.size() + " -> " + after.size() + ")";
    }

    private static int mode(PlannedFile file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file.source(), LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException e) {
            return 0644;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
