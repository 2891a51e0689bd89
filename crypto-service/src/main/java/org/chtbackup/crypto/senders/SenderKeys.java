package org.chtbackup.crypto.senders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.chtbackup.contracts.sealing.SealingKeys;

/**
 * Sender public keys by deployment, read from {@code <dir>/<deploymentId>.pub} (one base64 line, as
 * {@code keys sender} writes it). A key is read again when its file changes, so registering a new host or rotating a
 * host's key takes effect on the next part, without a restart. Thread-safe.
 */
public final class SenderKeys {

    private final Path dir;
    private final Map<String, Registered> keys = new ConcurrentHashMap<>();

    private record Registered(byte[] key, FileTime modified, long size) {
    }

    public SenderKeys(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("set crypto.sender-keys-dir: the directory of <deployment>.pub sender"
                    + " keys (docs/deploy.md); parts are accepted only from registered deployments");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("crypto.sender-keys-dir " + dir + " is not a directory");
        }
        this.dir = dir;
    }

    /**
     * The public key registered for {@code deploymentId}, which callers have checked is a valid deployment id (so
     * it cannot name a file outside the directory).
     *
     * @throws UnregisteredSenderException if no key is registered, or its file does not hold one
     */
    public byte[] publicKeyOf(String deploymentId) {
        Path file = dir.resolve(deploymentId + ".pub");
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            keys.remove(deploymentId);
            throw new UnregisteredSenderException("deployment " + deploymentId + " has no registered sender key: "
                    + "register its public key as " + file + " (keys sender; docs/deploy.md)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sender key " + file + ": " + e.getClass().getSimpleName(), e);
        }
        Registered known = keys.get(deploymentId);
        if (known != null && known.modified().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
            return known.key();
        }
        byte[] key;
        try {
            key = SealingKeys.readKey(file);
        } catch (IllegalArgumentException e) {
            throw new UnregisteredSenderException("sender key of deployment " + deploymentId + " is unusable: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sender key " + file + ": " + e.getClass().getSimpleName(), e);
        }
        keys.put(deploymentId, new Registered(key, attributes.lastModifiedTime(), attributes.size()));
        return key;
    }

    public Path dir() {
        return dir;
    }
}
