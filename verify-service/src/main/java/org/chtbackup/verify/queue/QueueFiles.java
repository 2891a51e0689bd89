package org.chtbackup.verify.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * The queue on disk: {@code pending/<hash of key>.json} for each drill queued or running (one file per key, so a
 * duplicate cannot add a second), and {@code drilled/<hash of key>} for each drill done, holding its key and
 * when. Every write is flushed to disk and renamed into place before it counts.
 */
final class QueueFiles {

    private static final Logger log = LoggerFactory.getLogger(QueueFiles.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path pending;
    private final Path drilled;

    QueueFiles(Path dir) {
        this.pending = dir.resolve("pending");
        this.drilled = dir.resolve("drilled");
        try {
            Files.createDirectories(pending);
            Files.createDirectories(drilled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the drill queue under " + dir
                    + ": check verify.data-dir (it must be writable by verify)", e);
        }
    }

    void persist(DrillRequest request) {
        write(pending.resolve(name(request.key()) + ".json"), JSON.writeValueAsBytes(request));
    }

    void remove(DrillRequest request) {
        try {
            Files.deleteIfExists(pending.resolve(name(request.key()) + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("removing the done drill " + request.key() + " from " + pending
                    + " failed: it would run again after a restart; check the folder's permissions", e);
        }
    }

    /** Every queued drill on disk, oldest first; unreadable files are logged and left in place. */
    List<DrillRequest> pending() {
        List<DrillRequest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(pending)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(JSON.readValue(Files.readAllBytes(file), DrillRequest.class));
                } catch (IOException | RuntimeException e) {
                    log.warn("queued drill {} is unreadable and left in place: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing the drill queue " + pending + " failed", e);
        }
        out.sort(Comparator.comparing(DrillRequest::queuedAt));
        return out;
    }

    void markDrilled(String key, Instant at) {
        write(drilled.resolve(name(key)), (key + "\n" + at + "\n").getBytes(StandardCharsets.UTF_8));
    }

    boolean wasDrilled(String key) {
        return Files.exists(drilled.resolve(name(key)));
    }

    /** Forgets drills done before {@code cutoff}: a stored event redelivered after that would be drilled again. */
    int forgetDrilledBefore(Instant cutoff) {
        int forgotten = 0;
        try (Stream<Path> files = Files.list(drilled)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    forgotten++;
                }
            }
        } catch (IOException e) {
            log.warn("pruning {} failed: {}", drilled, e.getMessage());
        }
        return forgotten;
    }

    private static void write(Path file, byte[] content) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed: check that verify.data-dir is writable and"
                    + " has space", e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can sync a directory; the rename itself is still atomic.
        }
    }

    private static String name(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
