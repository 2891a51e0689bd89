package org.chtbackup.collector.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.chtbackup.collector.chunking.ChunkIds;
import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.chunking.FastCdcChunker;
import org.chtbackup.collector.plan.PlannedFile;
import org.chtbackup.collector.sealing.PartSink;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.manifest.FileEntry;

/**
 * Streams one file through the chunker, sending each chunk not yet known, and returns its manifest entry.
 * The size and SHA-256 are of the bytes actually read: a CouchDB file that grows while it is read is still a
 * valid file up to its last complete header, and verify checks the restore against exactly these bytes.
 */
final class FileCopier {

    private final ChunkIds ids;
    private final ChunkSizes sizes;
    private final PartSink sink;

    FileCopier(ChunkIds ids, ChunkSizes sizes, PartSink sink) {
        this.ids = ids;
        this.sizes = sizes;
        this.sink = sink;
    }

    FileEntry copy(String deploymentId, String snapshotId, PlannedFile file, Set<String> known, SnapshotProgress progress)
            throws IOException {
        MessageDigest sha256 = sha256();
        Instant modified = Files.getLastModifiedTime(file.source()).toInstant();
        int mode = mode(file);
        List<String> chunks = new ArrayList<>();
        long size = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file.source()), sha256)) {
            FastCdcChunker chunker = new FastCdcChunker(in, sizes);
            for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
                String id = ids.idOf(chunk);
                if (known.add(id)) {
                    sink.send(deploymentId, snapshotId, PartKind.CHUNK, id, List.of(), chunk);
                    progress.chunkSent(chunk.length);
                }
                chunks.add(id);
                size += chunk.length;
                progress.bytesRead(chunk.length);
            }
        }
        return new FileEntry(file.root(), file.path(), file.kind(), size, mode, modified,
                HexFormat.of().formatHex(sha256.digest()), chunks);
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
