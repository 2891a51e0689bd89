package org.chtbackup.verify.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.openpgp.HeldPlaintext;
import org.chtbackup.contracts.openpgp.ObjectAuthenticationException;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.chtbackup.contracts.packs.PackCompression;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;

/**
 * Restores the files of a format-3 snapshot pack by pack, several packs at once: each pack is fetched once,
 * authenticated, decrypted and decompressed in memory (a pack is a few MiB, its content a few times that, so
 * {@code parallelism} packs bound the memory; each thread reuses its arrays, {@link PackBuffers}), and every chunk
 * in it is written straight to each place it belongs, at its offset in its file. Each file's SHA-256 is taken as its chunks are written ({@link RunningFileHash}: a
 * chunk that arrives ahead of the ones before it is read back once they are in) and compared with the manifest once
 * every pack is done, so a file is reported good only if every byte of it is, without reading the whole restore
 * back. A pack that fails (absent, damaged, not authentic) fails each file that needs it, by name; the other packs
 * still restore.
 */
final class PackedRestore {

    /** Refuses a pack whose plaintext, or its content once decompressed, is larger than this: ours stay far below. */
    static final int MAX_PACK_BYTES = 256 << 20;

    private static final long STOP_WAIT_SECONDS = 60;

    private final ObjectDecryptor decryptor;
    private final int parallelism;
    /** Each restore thread's arrays, reused pack after pack; they go with the threads when the restore ends. */
    private final ThreadLocal<PackBuffers> buffers = ThreadLocal.withInitial(() -> new PackBuffers(MAX_PACK_BYTES));

    PackedRestore(ObjectDecryptor decryptor, int parallelism) {
        this.decryptor = decryptor;
        this.parallelism = parallelism;
    }

    /**
     * Packs restored at once: {@code parallelism}, but no more than there are packs, nor than half the heap holds
     * at {@link PackBuffers#bytesFor} each (the rest is the service's). A thread too many ran a 192 MiB verify out of
     * heap: every drill of a 1.3 GB host failed.
     */
    static int threads(int parallelism, int packs, long maxHeap, int largestContent) {
        long fit = maxHeap / 2 / PackBuffers.bytesFor(largestContent);
        return (int) Math.max(1, Math.min(Math.min(parallelism, packs), fit));
    }

    /** The largest content any pack decompresses to, as far as the manifest's chunks reach into it. */
    private static int largestContent(Map<String, List<Target>> byPack) {
        long largest = 0;
        for (List<Target> targets : byPack.values()) {
            for (Target t : targets) {
                largest = Math.max(largest, t.at().offset() + t.at().length());
            }
        }
        return (int) Math.min(MAX_PACK_BYTES, largest);
    }

    /** One place a chunk goes: a file and an offset in it. */
    private record Target(int file, long offset, String chunkId, ChunkLocation at) {
    }

    RestoreOutcome restore(Location location, Manifest manifest, Path target, List<FileEntry> files,
                           RestoreProgress progress) throws IOException {
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        List<String> names = files.stream().map(PackedRestore::name).toList();
        List<Path> paths = new ArrayList<>(files.size());
        List<RunningFileHash> hashes = new ArrayList<>(files.size());
        Map<String, List<Target>> byPack = new LinkedHashMap<>();
        long totalBytes = 0;
        for (int i = 0; i < files.size(); i++) {
            FileEntry file = files.get(i);
            totalBytes += file.size();
            Path path = plan(target, file, i, manifest, byPack, failures);
            paths.add(path);
            hashes.add(path == null ? null : new RunningFileHash(path));
        }
        AtomicLong bytesWritten = new AtomicLong();
        long total = totalBytes;
        progress.update(0, files.size(), 0, total);
        int largestContent = largestContent(byPack);
        ExecutorService pool = Executors.newFixedThreadPool(threads(parallelism, byPack.size(),
                        Runtime.getRuntime().maxMemory(), largestContent),
                r -> {
                    Thread t = new Thread(r, "restore-pack");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Map.Entry<String, List<Target>> pack : byPack.entrySet()) {
                work.add(pool.submit(() -> {
                    PackBuffers mine = buffers.get();
                    mine.reserve(largestContent);
                    restorePack(mine, location, manifest.deploymentId(), pack.getKey(), pack.getValue(), paths,
                            hashes, names, failures, bytesWritten);
                    progress.update(0, files.size(), bytesWritten.get(), total);
                }));
            }
            await(work);
        } finally {
            pool.shutdownNow();
            awaitStopped(pool);
        }
        for (int i = 0; i < files.size(); i++) {
            if (!failures.containsKey(i)) {
                check(files.get(i), hashes.get(i), i, failures);
            }
        }
        progress.update(files.size(), files.size(), bytesWritten.get(), total);
        int restored = 0;
        long bytes = 0;
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String failed = failures.get(i);
            if (failed == null) {
                restored++;
                bytes += files.get(i).size();
            } else {
                messages.add(failed);
            }
        }
        return new RestoreOutcome(restored, bytes, messages);
    }

    /** Creates the file (empty) and records where each of its chunks goes; returns its path, null if refused. */
    private static Path plan(Path target, FileEntry file, int index, Manifest manifest,
                             Map<String, List<Target>> byPack, Map<Integer, String> failures) throws IOException {
        Path path;
        try {
            path = RestorePaths.resolve(target, file);
        } catch (UnsafePathException e) {
            failures.put(index, e.getMessage());
            return null;
        }
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        Files.createFile(path);
        long offset = 0;
        for (String chunk : file.chunks()) {
            ChunkLocation at = manifest.locations().get(chunk);
            byPack.computeIfAbsent(at.packId(), p -> new ArrayList<>()).add(new Target(index, offset, chunk, at));
            offset += at.length();
        }
        if (offset != file.size()) {
            failures.put(index, name(file) + ": its chunks add up to " + offset + " bytes, the manifest says "
                    + file.size() + ": the manifest is inconsistent");
        }
        return path;
    }

    private void restorePack(PackBuffers buffers, Location location, String deploymentId, String packId,
                             List<Target> targets, List<Path> paths, List<RunningFileHash> hashes,
                             List<String> names, Map<Integer, String> failures, AtomicLong bytesWritten) {
        String key = ObjectLayout.packKey(deploymentId, packId);
        HeldPlaintext pack;
        try (InputStream in = location.get(key)) {
            pack = decryptor.decrypt(in, buffers.scratch());
        } catch (ObjectAuthenticationException e) {
            failAll(targets, names, failures, "pack " + key + " in location '" + location.name() + "' failed authentication: "
                    + e.getMessage());
            return;
        } catch (LocationException e) {
            failAll(targets, names, failures, e.getMessage());
            return;
        } catch (IOException e) {
            failAll(targets, names, failures, "location '" + location.name() + "' failed GET " + key + ": "
                    + e.getClass().getSimpleName());
            return;
        }
        long wanted = 0;
        for (Target t : targets) {
            wanted = Math.max(wanted, t.at().offset() + t.at().length());
        }
        byte[] content;
        int contentLength;
        try {
            if (wanted > MAX_PACK_BYTES) {
                throw new IllegalArgumentException("the manifest places chunks up to byte " + wanted
                        + " of it, beyond the " + MAX_PACK_BYTES + " bytes a pack may hold");
            }
            content = buffers.content((int) wanted);
            contentLength = PackCompression.decompressPrefix(pack.array(), pack.offset(), pack.length(), content,
                    (int) wanted);
        } catch (IllegalArgumentException e) {
            failAll(targets, names, failures, "pack " + key + " in location '" + location.name() + "': "
                    + e.getMessage());
            return;
        }
        Map<Integer, FileChannel> open = new LinkedHashMap<>();
        try {
            for (Target t : targets) {
                if (failures.containsKey(t.file())) {
                    continue;
                }
                if (t.at().offset() + t.at().length() > contentLength) {
                    failures.putIfAbsent(t.file(), "file " + names.get(t.file()) + ": chunk " + t.chunkId()
                            + " lies beyond the end of pack " + key + " (offset " + t.at().offset() + ", length "
                            + t.at().length() + ", pack content " + contentLength + " bytes)");
                    continue;
                }
                FileChannel channel = open.get(t.file());
                if (channel == null) {
                    channel = FileChannel.open(paths.get(t.file()), StandardOpenOption.WRITE);
                    open.put(t.file(), channel);
                }
                ByteBuffer bytes = ByteBuffer.wrap(content, (int) t.at().offset(), t.at().length());
                for (long at = t.offset(); bytes.hasRemaining(); ) {
                    at += channel.write(bytes, at);
                }
                bytesWritten.addAndGet(t.at().length());
                hashed(hashes.get(t.file()), t, content, names, failures);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing chunks of pack " + key + " failed: check the target's free space",
                    e);
        } finally {
            for (FileChannel channel : open.values()) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // the SHA-256 check reads what is on disk
                }
            }
        }
    }

    private static void failAll(List<Target> targets, List<String> names, Map<Integer, String> failures,
                                String why) {
        targets.forEach(t -> failures.putIfAbsent(t.file(), "file " + names.get(t.file()) + ": " + why));
    }

    /** Adds a written chunk to its file's digest; a file whose early chunks cannot be read back fails, by name. */
    private static void hashed(RunningFileHash hash, Target t, byte[] content, List<String> names,
                               Map<Integer, String> failures) {
        try {
            hash.written(t.offset(), content, (int) t.at().offset(), t.at().length());
        } catch (IOException e) {
            failures.putIfAbsent(t.file(), "file " + names.get(t.file()) + ": cannot read back what was written ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void check(FileEntry file, RunningFileHash hash, int index, Map<Integer, String> failures) {
        long size = hash.hashedBytes();
        String hex = hash.hex();
        if (size != file.size() || !hex.equals(file.sha256())) {
            failures.put(index, "file " + name(file) + ": SHA-256 " + hex + " (" + size + " bytes) differs from manifest "
                    + file.sha256() + " (" + file.size() + " bytes)");
        }
    }

    /**
     * Once a pack task has thrown, the others are interrupted; the restore returns only when none of them can still
     * write into the target, which a drill deletes next. A task stuck in a remote read that ignores the interrupt is
     * not waited for beyond {@link #STOP_WAIT_SECONDS}.
     */
    private static void awaitStopped(ExecutorService pool) {
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(List<Future<?>> work) throws IOException {
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("restore interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                // The class only (OutOfMemoryError, say): an operator needs it, and it carries no content.
                throw new IOException("restore failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
            }
        }
    }

    private static String name(FileEntry file) {
        return file.root().folder() + "/" + file.path();
    }
}
