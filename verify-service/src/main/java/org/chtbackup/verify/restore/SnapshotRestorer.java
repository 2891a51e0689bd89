package org.chtbackup.verify.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.chtbackup.contracts.openpgp.HeldObjectScratch;
import org.chtbackup.contracts.openpgp.ObjectAuthenticationException;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.contracts.packs.PackCompression;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;

/**
 * Restores one snapshot from one location. Every object is authenticated (signature and integrity) before a
 * byte of it is written; a file whose reassembled SHA-256 differs from the manifest is a failure, named.
 * Snapshots of manifest format 3 restore pack by pack, {@code parallelism} packs at once ({@link PackedRestore});
 * those of formats 1 and 2 (one object per chunk) restore file by file.
 */
public final class SnapshotRestorer {

    /** Packs fetched and decrypted at once by default: enough to hide a remote store's latency on two cores. */
    public static final int DEFAULT_PARALLELISM = 4;

    private final ObjectDecryptor decryptor;
    private final int parallelism;

    public SnapshotRestorer(ObjectDecryptor decryptor) {
        this(decryptor, DEFAULT_PARALLELISM);
    }

    public SnapshotRestorer(ObjectDecryptor decryptor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("restore parallelism must be at least 1, not " + parallelism);
        }
        this.decryptor = decryptor;
        this.parallelism = parallelism;
    }

    /**
     * Fetches and authenticates a manifest of format 1, 2 or 3; for formats 2 and 3 its file list is reassembled
     * from the chunks its head names, each authenticated like any chunk (format 3: its pack), from the same location.
     */
    public Manifest readManifest(Location location, String manifestKey) {
        return readManifestAndDigest(location, manifestKey).manifest();
    }

    /** A manifest and the SHA-256 of its object as stored (hex), which names it in a drill report. */
    public record ManifestRead(Manifest manifest, String objectSha256) {
    }

    /** As {@link #readManifest}, also hashing the manifest object exactly as the location holds it. */
    public ManifestRead readManifestAndDigest(Location location, String manifestKey) {
        byte[] stored = storedBytes(location, manifestKey);
        String digest = java.util.HexFormat.of().formatHex(sha256().digest(stored));
        return new ManifestRead(readManifest(location, manifestKey, decrypt(location, manifestKey,
                new java.io.ByteArrayInputStream(stored), true)), digest);
    }

    private Manifest readManifest(Location location, String manifestKey, byte[] head) {
        String deploymentId = manifestKey.substring(0, Math.max(0, manifestKey.indexOf('/')));
        Map<String, byte[]> packs = new HashMap<>();
        return ManifestCodec.read(head, (id, where) -> {
            if (where == null) {
                return fetch(location, ObjectLayout.chunkKey(deploymentId, id), true);
            }
            byte[] content = packs.computeIfAbsent(where.packId(), p -> {
                byte[] pack = fetch(location, ObjectLayout.packKey(deploymentId, p), true);
                return PackCompression.decompress(pack, 0, pack.length, PackedRestore.MAX_PACK_BYTES);
            });
            if (where.offset() + where.length() > content.length) {
                throw new IllegalArgumentException("manifest " + manifestKey + " places body chunk " + id
                        + " beyond the end of pack " + where.packId());
            }
            return java.util.Arrays.copyOfRange(content, (int) where.offset(), (int) where.offset() + where.length());
        });
    }

    /** Restores every file of {@code manifest} under {@code target}/{@code <root folder>}/{@code <path>}. */
    public RestoreOutcome restore(Location location, Manifest manifest, Path target) throws IOException {
        return restore(location, manifest, target, f -> true, RestoreProgress.NONE);
    }

    /**
     * Restores the files {@code which} accepts, reporting progress after each file.
     */
    public RestoreOutcome restore(Location location, Manifest manifest, Path target, Predicate<FileEntry> which,
                                  RestoreProgress progress) throws IOException {
        if (manifest.packed()) {
            return new PackedRestore(decryptor, parallelism).restore(location, manifest, target,
                    manifest.files().stream().filter(which).toList(), progress);
        }
        List<String> failures = new ArrayList<>();
        long bytes = 0;
        int files = 0;
        List<FileEntry> selected = manifest.files().stream().filter(which).toList();
        long totalBytes = selected.stream().mapToLong(FileEntry::size).sum();
        int done = 0;
        long doneBytes = 0;
        for (FileEntry file : selected) {
            progress.update(done++, selected.size(), doneBytes, totalBytes);
            doneBytes += file.size();
            Path path;
            try {
                path = RestorePaths.resolve(target, file);
            } catch (UnsafePathException e) {
                failures.add(e.getMessage());
                continue;
            }
            try {
                String sha256 = writeFile(location, manifest.deploymentId(), file, path);
                if (!sha256.equals(file.sha256())) {
                    failures.add("file " + file.root().folder() + "/" + file.path() + ": SHA-256 " + sha256
                            + " differs from manifest " + file.sha256());
                }
                files++;
                bytes += file.size();
            } catch (ObjectAuthenticationException | LocationException e) {
                failures.add("file " + file.root().folder() + "/" + file.path() + ": " + e.getMessage());
            }
        }
        progress.update(done, selected.size(), doneBytes, totalBytes);
        return new RestoreOutcome(files, bytes, failures);
    }

    private String writeFile(Location location, String deploymentId, FileEntry file, Path path) throws IOException {
        Files.createDirectories(path.getParent());
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(path), sha256)) {
            for (String chunkId : file.chunks()) {
                out.write(fetch(location, ObjectLayout.chunkKey(deploymentId, chunkId), false));
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * One object, authenticated and decrypted in memory, bounded: a chunk, a pack or a manifest head. {@code held}:
     * see {@link #decrypt(Location, String, InputStream, boolean)}.
     */
    private byte[] fetch(Location location, String key, boolean held) {
        try (InputStream in = location.get(key)) {
            return decrypt(location, key, in, held);
        } catch (IOException e) {
            throw getFailed(location, key, e);
        }
    }

    private static LocationException getFailed(Location location, String key, IOException e) {
        return new LocationException("location '" + location.name() + "' failed GET " + key + ": "
                + e.getClass().getSimpleName(), true, e);
    }

    /** A manifest head is small (its file list is in packs): read whole, so it can be hashed as stored. */
    private static byte[] storedBytes(Location location, String key) {
        try (InputStream in = location.get(key)) {
            return in.readNBytes(PackedRestore.MAX_PACK_BYTES);
        } catch (IOException e) {
            throw getFailed(location, key, e);
        }
    }

    /**
     * {@code held}: over whole arrays, as the packs are read ({@link PackedRestore}), for the manifest's few objects,
     * which then warm the code the packs run instead of loading and interpreting Bouncy Castle's stream of streams once
     * for them alone; each gets arrays of its own (a few MiB). A format 1 or 2 restore's thousands of chunks stream.
     */
    private byte[] decrypt(Location location, String key, InputStream in, boolean held) {
        try {
            if (!held) {
                return decryptor.decrypt(in, PackedRestore.MAX_PACK_BYTES);
            }
            return decryptor.decrypt(in, new HeldObjectScratch(PackedRestore.MAX_PACK_BYTES)).toByteArray();
        } catch (ObjectAuthenticationException e) {
            throw new ObjectAuthenticationException("object " + key + " in location '" + location.name()
                    + "' failed authentication: " + e.getMessage(), e);
        } catch (IOException e) {
            throw getFailed(location, key, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
