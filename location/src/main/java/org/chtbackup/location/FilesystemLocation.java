package org.chtbackup.location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Objects as files under a directory (local disk or NAS mount), one file per key. A put writes a temporary
 * file, forces it to disk and links it into place, so a crash leaves either the whole object or none; the link
 * fails when the key exists, so a put never replaces an object (a rename would, silently). Where the filesystem
 * has no hard links, a rename after an existence check is used instead.
 */
final class FilesystemLocation implements Location {

    private final String name;
    private final Path root;

    FilesystemLocation(String name, Path root) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
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
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // One write may store fewer bytes than asked (a disk that fills up does exactly that): write until
                // all are down, so a full disk fails the PUT instead of storing a truncated object.
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(object);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
                if (channel.size() != object.length) {
                    throw new IOException("wrote " + channel.size() + " of " + object.length + " bytes");
                }
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
