package org.chtbackup.storage.writing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.chtbackup.contracts.layout.ObjectLayout;

/**
 * The object keys one manifest needs, stored in plain text beside it as {@code <deployment>/index/<manifestId>.chunks}:
 * its packs (manifest format 3) or its chunks (format 2, one object per chunk). Storage cannot decrypt manifests;
 * this index lets repair and prune know what a snapshot needs. Pack ids are random and chunk ids are HMACs of
 * content under a per-deployment key, so they reveal nothing. Written before the manifest.
 *
 * <p>A snapshot of manifest format 2 names its chunks in pieces {@code <manifestId>.<n>.chunks} (each one list
 * part, written as it arrives, in this same format with {@code pieces} 0); its {@code <manifestId>.chunks} then has
 * header version 2 and a {@code pieces N} line, and usually no chunk keys of its own. An index with pieces
 * names the union of its own keys and its pieces' keys. Older builds refuse header 2 (bad header), so they never
 * mistake such an index for a complete one.
 *
 * @param manifestKey the manifest's object key
 * @param snapshotId  the snapshot
 * @param objectKeys  keys of the objects named here: chunks (format 2) or packs (format 3)
 * @param pieces      how many piece indexes hold the rest of the manifest's chunk keys (0: none)
 */
public record SnapshotIndex(String manifestKey, String snapshotId, List<String> objectKeys, int pieces) {

    static final String HEADER = "cht-backup-index 1";
    static final String HEADER_WITH_PIECES = "cht-backup-index 2";
    public static final String SUFFIX = ObjectLayout.INDEX_SUFFIX;

    public SnapshotIndex {
        objectKeys = List.copyOf(objectKeys);
        if (pieces < 0) {
            throw new IllegalArgumentException("index of " + manifestKey + " has " + pieces + " pieces");
        }
    }

    /** {@code <deployment>/index/} */
    public static String prefix(String deploymentId) {
        return ObjectLayout.indexPrefix(deploymentId);
    }

    /** The key of piece {@code n} of the chunk index of {@code manifestKey}. */
    public static String pieceKey(String manifestKey, int n) {
        String deployment = manifestKey.substring(0, manifestKey.indexOf('/'));
        return ObjectLayout.chunkListKey(deployment, ObjectLayout.chunkListId(manifestId(manifestKey), n));
    }

    /** Whether {@code key} is a piece ({@code <manifestId>.<n>.chunks}) rather than a manifest's own index. */
    public static boolean isPiece(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.endsWith(SUFFIX) && name.substring(0, name.length() - SUFFIX.length()).contains(".");
    }

    /** The index key of a manifest key {@code <deployment>/snapshots/<manifestId>.manifest}. */
    public static String keyOf(String manifestKey) {
        int slash = manifestKey.indexOf('/');
        String deployment = manifestKey.substring(0, slash);
        return prefix(deployment) + manifestId(manifestKey) + SUFFIX;
    }

    /** The manifest id ({@code <time>-<snapshotId>}) of a manifest or index key. */
    public static String manifestId(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.endsWith(ObjectLayout.MANIFEST_SUFFIX)) {
            return name.substring(0, name.length() - ObjectLayout.MANIFEST_SUFFIX.length());
        }
        if (name.endsWith(SUFFIX)) {
            String id = name.substring(0, name.length() - SUFFIX.length());
            int dot = id.indexOf('.');
            return dot < 0 ? id : id.substring(0, dot); // a piece <manifestId>.<n>: manifest ids have no '.'
        }
        throw new IllegalArgumentException("'" + key + "' is neither a manifest nor an index key");
    }

    /** The manifest key an index key belongs to. */
    public static String manifestKeyOf(String indexKey) {
        String deployment = indexKey.substring(0, indexKey.indexOf('/'));
        return ObjectLayout.manifestKey(deployment, manifestId(indexKey));
    }

    public String key() {
        return keyOf(manifestKey);
    }

    public byte[] encode() {
        StringBuilder text = new StringBuilder(pieces > 0 ? HEADER_WITH_PIECES : HEADER).append('\n')
                .append("manifest ").append(manifestKey).append('\n')
                .append("snapshot ").append(snapshotId).append('\n');
        if (pieces > 0) {
            text.append("pieces ").append(pieces).append('\n');
        }
        objectKeys.forEach(k -> text.append(k).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads an index; a file that is not one fails naming the key. */
    public static SnapshotIndex decode(String key, InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            String manifest = reader.readLine();
            String snapshot = reader.readLine();
            boolean withPieces = HEADER_WITH_PIECES.equals(header);
            if (!(HEADER.equals(header) || withPieces) || manifest == null || !manifest.startsWith("manifest ")
                    || snapshot == null || !snapshot.startsWith("snapshot ")) {
                throw new IllegalArgumentException("index " + key + " is not a cht-backup index (bad header)");
            }
            int pieces = 0;
            if (withPieces) {
                String line = reader.readLine();
                if (line == null || !line.startsWith("pieces ")) {
                    throw new IllegalArgumentException("index " + key + " has header 2 but no 'pieces' line");
                }
                pieces = Integer.parseInt(line.substring(7).strip());
            }
            List<String> chunks = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    chunks.add(line.strip());
                }
            }
            return new SnapshotIndex(manifest.substring(9), snapshot.substring(9), chunks, pieces);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("index " + key + " has a bad 'pieces' line", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading index " + key + " failed", e);
        }
    }
}
