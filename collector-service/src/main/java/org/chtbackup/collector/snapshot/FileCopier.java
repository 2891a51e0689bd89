package org.chtbackup.collector.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.chtbackup.collector.appends.FileRead;
import org.chtbackup.collector.appends.ReadHistory;
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
 * are of the bytes the entry names.
 *
 * <p>CouchDB files are append-only: one that grows while read is still valid up to its last complete header,
 * so growth is accepted, and one read before is read again only from the start of its last chunk when
 * {@link ReadHistory} allows it and its first bytes and the bytes before the resume point still hash the same (or
 * not at all, when its size and last bytes are unchanged too). Content-defined cuts depend only on the bytes from
 * the previous cut, so the result is the entry a full read would give. A file that shrinks while read, or a config file whose size or mtime changes, is read again, up to
 * {@link #ATTEMPTS} times; then the snapshot fails rather than record a torn copy. A file deleted before it could be
 * opened (a database deleted meanwhile) is reported as vanished.
 */
final class FileCopier {

    static final int ATTEMPTS = 3;

    private final ChunkIds ids;
    private final ChunkSizes sizes;
    private final Function<String, ChunkLocation> storedEverywhere;
    private final ReadHistory history;

    /** @param storedEverywhere where a chunk confirmed in every location lies, or null when it must be sent */
    FileCopier(ChunkIds ids, ChunkSizes sizes, Function<String, ChunkLocation> storedEverywhere, ReadHistory history) {
        this.ids = ids;
        this.sizes = sizes;
        this.storedEverywhere = storedEverywhere;
        this.history = history;
    }

    /** The file's entry, or null when it vanished before it could be read. */
    FileEntry copy(PlannedFile file, Map<String, ChunkLocation> located, PackBuilder packs, SnapshotProgress progress,
                   Runnable tick, Instant now, boolean fullRead) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Attempt result;
            try {
                result = copyOnce(file, located, packs, progress, tick, now, fullRead);
            } catch (NoSuchFileException e) {
                history.forget(key(file));
                return null;
            }
            if (result.changed() == null) {
                result.report(file, history, progress);
                return result.entry();
            }
            progress.unread(result.bytesRead(), result.bytesKept());
            if (attempt == ATTEMPTS) {
                history.forget(key(file));
                throw new FileChangedException(key(file) + " " + result.changed()
                        + " in each of " + ATTEMPTS + " attempts to copy it: take the snapshot again when it is quiet");
            }
        }
    }

    /** CouchDB's database and view files: they only grow between compactions. */
    private static boolean appendOnly(PlannedFile file) {
        return file.kind() == FileKind.DATABASE || file.kind() == FileKind.VIEW_INDEX;
    }

    static String key(PlannedFile file) {
        return file.root().folder() + "/" + file.path();
    }

    private Attempt copyOnce(PlannedFile file, Map<String, ChunkLocation> located, PackBuilder packs,
                             SnapshotProgress progress, Runnable tick, Instant now, boolean fullRead)
            throws IOException {
        BasicFileAttributes before = Files.readAttributes(file.source(), BasicFileAttributes.class);
        ReadHistory.Decision decision = appendOnly(file)
                ? history.decide(key(file), before.fileKey(), before.size(), now) : null;
        if (fullRead && decision instanceof ReadHistory.Resume resume) {
            decision = new ReadHistory.ReadInFull("full read requested", resume.earlier());
        }
        try (FileChannel channel = FileChannel.open(file.source(), StandardOpenOption.READ)) {
            Read read = new Read(file, before, channel, new ChunkList(progress), located, packs, progress, tick);
            FileRead earlier = decision instanceof ReadHistory.Resume resume ? resume.earlier() : null;
            if (earlier != null && earlier.earlierBytesMatch(channel, read.chunks::read)) {
                if (earlier.unchanged(channel, before.size(), read.chunks::read)) {
                    if (keep(earlier, earlier.chunks(), read)) {
                        FileEntry entry = new FileEntry(file.root(), file.path(), file.kind(), earlier.size(),
                                mode(file), before.lastModifiedTime().toInstant(), earlier.sha256(),
                                read.chunks.ids());
                        return new Attempt(entry, changed(file, before, earlier.size(), channel.size()),
                                read.chunks.bytesRead(), earlier.size(), true, earlier, null, null);
                    }
                } else if (keep(earlier, earlier.keptChunks(), read)) {
                    return read.from(earlier.resumeAt(), earlier.digestAtResume(), earlier.fullReadAt(), true, null,
                            null);
                }
            }
            read.chunks.clear();
            String reason = null;
            FileRead compareWith = null;
            if (decision instanceof ReadHistory.ReadInFull full) {
                reason = full.reason();
                // only a read the shortcut would have resumed is worth comparing with
                if (full.compareWith() != null && full.compareWith().earlierBytesMatch(channel, read.chunks::read)) {
                    compareWith = full.compareWith();
                }
            } else if (decision != null) {
                reason = "earlier bytes changed";
            }
            return read.from(0, sha256(), now, false, reason, compareWith);
        }
    }

    /** One attempt at one open file. */
    private final class Read {

        final PlannedFile file;
        final BasicFileAttributes before;
        final FileChannel channel;
        final ChunkList chunks;
        final Map<String, ChunkLocation> located;
        final PackBuilder packs;
        final SnapshotProgress progress;
        final Runnable tick;

        Read(PlannedFile file, BasicFileAttributes before, FileChannel channel, ChunkList chunks,
             Map<String, ChunkLocation> located, PackBuilder packs, SnapshotProgress progress, Runnable tick) {
            this.file = file;
            this.before = before;
            this.channel = channel;
            this.chunks = chunks;
            this.located = located;
            this.packs = packs;
            this.progress = progress;
            this.tick = tick;
        }

        /** Reads from {@code start} (where {@code chunks} ends) to the end, and what that read establishes. */
        Attempt from(long start, MessageDigest sha256, Instant fullReadAt, boolean resumed, String fullReason,
                     FileRead compareWith) throws IOException {
            boolean appendOnly = appendOnly(file);
            channel.position(start);
            MessageDigest atLastChunk = readFrom(channel, sha256, appendOnly, chunks, located, packs, progress, tick);
            long sizeAtEnd = channel.size();
            long size = chunks.end();
            String digest = HexFormat.of().formatHex(sha256.digest());
            FileEntry entry = new FileEntry(file.root(), file.path(), file.kind(), size, mode(file),
                    before.lastModifiedTime().toInstant(), digest, chunks.ids());
            String changed = changed(file, before, size, sizeAtEnd);
            if (changed == null && start > 0 && size == start) {
                changed = "shrank while read";
            }
            FileRead read = appendOnly && atLastChunk != null && changed == null ? FileRead.of(channel,
                    before.fileKey(), size, chunks.ids(), chunks.ends(), digest, atLastChunk, fullReadAt,
                    chunks::read) : null;
            return new Attempt(entry, changed, chunks.bytesRead(), start, resumed, read, fullReason, compareWith);
        }
    }

    /**
     * Takes the first {@code n} chunks of the earlier read into the attempt's list, or returns false when one that
     * had to be read again no longer hashes to its id. A kept chunk that no location is known to hold is read again
     * at its offset and packed.
     */
    private boolean keep(FileRead earlier, int n, Read read) throws IOException {
        List<String> kept = earlier.chunkIds(n);
        for (int i = 0; i < n; i++) {
            String id = kept.get(i);
            if (!read.located.containsKey(id)) {
                ChunkLocation at = storedEverywhere.apply(id);
                if (at == null) {
                    byte[] chunk = readAt(read.channel, earlier.chunkStart(i), earlier.chunkLength(i), read.chunks);
                    if (chunk == null || !ids.idOf(chunk).equals(id)) {
                        return false;
                    }
                    at = read.packs.add(chunk);
                    read.progress.chunkSent(chunk.length);
                }
                read.located.put(id, at);
            }
        }
        read.chunks.keep(kept, earlier);
        read.progress.bytesKept(n == 0 ? 0 : earlier.chunkStart(n - 1) + earlier.chunkLength(n - 1));
        return true;
    }

    private static byte[] readAt(FileChannel channel, long position, int length, ChunkList reads) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return null;
            }
        }
        reads.read(length);
        return buffer.array();
    }

    /** Chunks from the channel's position to its end; the SHA-256 state before the last chunk when asked for. */
    private MessageDigest readFrom(FileChannel channel, MessageDigest sha256, boolean keepState, ChunkList chunks,
                                   Map<String, ChunkLocation> located, PackBuilder packs, SnapshotProgress progress,
                                   Runnable tick) throws IOException {
        FastCdcChunker chunker = new FastCdcChunker(Channels.newInputStream(channel), sizes);
        MessageDigest beforeChunk = null;
        for (int length = chunker.advance(); length >= 0; length = chunker.advance()) {
            byte[] data = chunker.array();
            int offset = chunker.offset();
            if (keepState) {
                beforeChunk = copyOf(sha256);
            }
            sha256.update(data, offset, length);
            String id = ids.idOf(data, offset, length);
            if (!located.containsKey(id)) {
                ChunkLocation at = storedEverywhere.apply(id);
                if (at == null) {
                    at = packs.add(data, offset, length);
                    progress.chunkSent(length);
                }
                located.put(id, at);
            }
            chunks.add(id, length);
            chunks.read(length);
            tick.run();
        }
        return beforeChunk;
    }

    /** One attempt's result; {@code changed} says why its bytes are not one consistent state of the file. */
    private record Attempt(FileEntry entry, String changed, long bytesRead, long bytesKept, boolean resumed,
                           FileRead read, String fullReason, FileRead compareWith) {

        void report(PlannedFile file, ReadHistory history, SnapshotProgress progress) {
            String key = key(file);
            if (read == null) {
                history.forget(key);
            } else {
                history.remember(key, read);
            }
            if (fullReason != null) {
                progress.readInFull(key, fullReason);
            } else if (resumed) {
                progress.readFromTail();
            }
            if (compareWith != null
                    && !entry.chunks().subList(0, Math.min(entry.chunks().size(), compareWith.keptChunks()))
                    .equals(compareWith.chunkIds(compareWith.keptChunks()))) {
                progress.appendMismatch(key);
            }
        }
    }

    /** Why the bytes read are not one consistent state of the file, or null when they are. */
    private static String changed(PlannedFile file, BasicFileAttributes before, long read, long sizeAtEnd)
            throws IOException {
        if (sizeAtEnd < read) {
            return "was truncated while read (" + read + " bytes read, " + sizeAtEnd + " left)";
        }
        if (appendOnly(file)) {
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

    private static MessageDigest copyOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's SHA-256 cannot be cloned", e);
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
