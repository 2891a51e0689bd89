package org.chtbackup.location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects as files under a directory (local disk or NAS mount), one file per key. A put writes a temporary
 * file, forces it to disk and links it into place, so a crash leaves either the whole object or none; the link
 * fails when the key exists, so a put never replaces an object (a rename would, silently). Where the filesystem
 * has no hard links, a rename after an existence check is used instead. Objects are written with direct I/O where
 * the filesystem allows it ({@link DirectWriter}), through the page cache where it does not.
 */
final class FilesystemLocation implements Location {

    private static final Logger log = LoggerFactory.getLogger(FilesystemLocation.class);
    private static final int WRITE_SLICE = 1 << 20;

    private final String name;
    private final Path root;
    private final DirectWriterSource directSource;
    private volatile boolean directChecked;
    private volatile DirectWriter direct;

    FilesystemLocation(String name, Path root) {
        this(name, root, DirectWriter::forDirectory);
    }

    /** {@code directSource} gives the direct writer for the root, or null for none (tests simulate a refusal). */
    FilesystemLocation(String name, Path root, DirectWriterSource directSource) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
        this.directSource = directSource;
    }

    interface DirectWriterSource {
        DirectWriter forDirectory(Path dir) throws IOException;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean put(String key, byte[] object) {
        Path target = resolve(key);
        if (Files.exists(target)) {
            return false;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            try {
                write(temp, object);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            try {
                Files.createLink(target, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (Files.exists(target)) {
                    return false;
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } finally {
                Files.deleteIfExists(temp);
                forceDirectory(target.getParent());
            }
        } catch (IOException e) {
            throw failure("PUT", key, e);
        }
    }

    /** Writes the object into {@code temp} and forces it to disk: directly where the filesystem allows it. */
    private void write(Path temp, byte[] object) throws IOException {
        DirectWriter writer = directWriter();
        if (writer == null) {
            writeBuffered(temp, object);
            return;
        }
        try {
            writer.write(temp, object);
        } catch (IOException | UnsupportedOperationException e) {
            // A filesystem may refuse direct I/O (or its alignment). If the same object then writes through the page
            // cache, the fault was the direct path's: stop trying it. If not (a full disk), the PUT fails as before.
            writeBuffered(temp, object);
            direct = null;
            log.info("location '{}': writing through the page cache; direct I/O failed ({})", name,
                    e.getClass().getSimpleName());
        }
    }

    private DirectWriter directWriter() throws IOException {
        if (!directChecked) {
            synchronized (this) {
                if (!directChecked) {
                    direct = directSource.forDirectory(root);
                    directChecked = true;
                }
            }
        }
        return direct;
    }

    private static void writeBuffered(Path temp, byte[] object) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            // In slices the JDK's cached per-thread native buffer can carry (jdk.nio.maxCachedBufferSize); one write
            // may store fewer bytes than asked (a disk that fills up does exactly that): write until all are down,
            // so a full disk fails the PUT instead of storing a truncated object.
            for (int offset = 0; offset < object.length; ) {
                ByteBuffer slice = ByteBuffer.wrap(object, offset, Math.min(WRITE_SLICE, object.length - offset));
                while (slice.hasRemaining()) {
                    channel.write(slice);
                }
                offset = slice.position();
            }
            DirectWriter.forceWhole(channel, object.length);
        }
    }

    /** Makes the new directory entry durable too; not every filesystem lets a directory be opened for it. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort: the object's own bytes were forced before it was linked
        }
    }

    @Override
    public InputStream get(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(name, key);
        } catch (IOException e) {
            throw failure("GET", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) {
        Path start = resolve(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        Path dir = Files.isDirectory(start) ? start : start.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".put-"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw failure("LIST", prefix, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw failure("DELETE", key, e);
        }
    }

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || key.startsWith("/")) {
            throw new LocationException("location '" + name + "' refused key '" + key + "': it escapes the location root",
                    false, null);
        }
        return p;
    }

    private LocationException failure(String operation, String key, IOException e) {
        return new LocationException("location '" + name + "' failed " + operation + " " + key + ": "
                + e.getClass().getSimpleName() + " — check that " + root + " is mounted and writable", true, e);
    }
}
