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
 * The chunk keys one manifest names, stored in plain text beside it as {@code <deployment>/index/<manifestId>.chunks}.
 * Storage cannot decrypt manifests; this index lets repair and prune know what a snapshot needs. Chunk keys are
 * HMACs of content under a per-deployment key, so they reveal nothing. Written before the manifest.
 *
 * @param manifestKey the manifest's object key
 * @param snapshotId  the snapshot
 * @param chunkKeys   every chunk object key the manifest names
 */
public record SnapshotIndex(String manifestKey, String snapshotId, List<String> chunkKeys) {

    static final String HEADER = "cht-backup-index 1";
    public static final String SUFFIX = ".chunks";

    public SnapshotIndex {
        chunkKeys = List.copyOf(chunkKeys);
    }

    /** {@code <deployment>/index/} */
    public static String prefix(String deploymentId) {
        return deploymentId + "/index/";
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
            return name.substring(0, name.length() - SUFFIX.length());
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
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("manifest ").append(manifestKey).append('\n')
                .append("snapshot ").append(snapshotId).append('\n');
        chunkKeys.forEach(k -> text.append(k).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads an index; a file that is not one fails naming the key. */
    public static SnapshotIndex decode(String key, InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            String manifest = reader.readLine();
            String snapshot = reader.readLine();
            if (!HEADER.equals(header) || manifest == null || !manifest.startsWith("manifest ")
                    || snapshot == null || !snapshot.startsWith("snapshot ")) {
                throw new IllegalArgumentException("index " + key + " is not a cht-backup index (bad header)");
            }
            List<String> chunks = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    chunks.add(line.strip());
                }
            }
            return new SnapshotIndex(manifest.substring(9), snapshot.substring(9), chunks);
        } catch (IOException e) {
            throw new UncheckedIOException("reading index " + key + " failed", e);
        }
    }
}
