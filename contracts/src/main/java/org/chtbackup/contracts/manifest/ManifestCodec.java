package org.chtbackup.contracts.manifest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.packs.ChunkLocation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes manifests as UTF-8 JSON: readable by anyone with the key and {@code gpg} (invariant 4).
 * Format 1 is one object ({@link #write}); formats 2 and 3 are a head ({@link #writeHead}) naming the chunks of a
 * body ({@link #writeBody}); in format 3 the body also says which pack holds each chunk, and the head where the
 * body's own chunks lie. {@link #read(byte[], ChunkSource)} reads all three.
 */
public final class ManifestCodec {

    /** Fetches, authenticates and decompresses one chunk of a body. */
    @FunctionalInterface
    public interface ChunkSource {
        /**
         * @param where the chunk's place in a pack (format 3), or null for a chunk stored as an object of its own
         *              (format 2)
         */
        byte[] chunk(String chunkId, ChunkLocation where);
    }

    private static final java.util.regex.Pattern CHUNK_ID = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /**
     * The writers' mappers, built on first use: reading formats 2 and 3 ({@link ManifestJson}) needs neither, and
     * a restore should not pay for building them.
     */
    private static final class Mappers {
        static final JsonMapper JSON = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        /** The body is compact: it can be large, and whitespace would only be chunked and stored. */
        static final JsonMapper COMPACT = JsonMapper.builder()
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /** A format-1 manifest: one JSON object. Kept so tests and tools can write what earlier builds wrote. */
    public static byte[] write(Manifest manifest) {
        if (manifest.formatVersion() != Manifest.FORMAT_1) {
            throw new IllegalArgumentException("format " + manifest.formatVersion()
                    + " is written as a head and a body (writeHead, writeBody), not as one object");
        }
        return Mappers.JSON.writeValueAsBytes(manifest);
    }

    /**
     * The body of format 2 or 3: the file list as compact JSON, to be cut into chunks; in format 3 followed by the
     * packs holding the files' chunks, in the order the files first use them (so an unchanged host writes an
     * unchanged body, which dedups).
     */
    public static byte[] writeBody(Manifest manifest) {
        if (!manifest.packed()) {
            return Mappers.COMPACT.writeValueAsBytes(new ManifestBody(manifest.files(), List.of()));
        }
        Map<String, List<ManifestBody.Slot>> packs = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FileEntry file : manifest.files()) {
            for (String chunk : file.chunks()) {
                if (seen.add(chunk)) {
                    ChunkLocation at = manifest.locations().get(chunk);
                    packs.computeIfAbsent(at.packId(), p -> new ArrayList<>())
                            .add(new ManifestBody.Slot(chunk, at.offset(), at.length()));
                }
            }
        }
        List<ManifestBody.Pack> list = new ArrayList<>(packs.size());
        packs.forEach((id, slots) -> {
            slots.sort(java.util.Comparator.comparingLong(ManifestBody.Slot::offset));
            list.add(new ManifestBody.Pack(id, slots));
        });
        return Mappers.COMPACT.writeValueAsBytes(new ManifestBody(manifest.files(), list));
    }

    /** The manifest object of format 2 (no locations) or 3, for a body already cut into {@code bodyChunks}. */
    public static byte[] writeHead(Manifest manifest, byte[] body, List<String> bodyChunks,
                                   List<ChunkLocation> bodyLocations) {
        return Mappers.JSON.writeValueAsBytes(new ManifestHead(manifest.formatVersion(), manifest.deploymentId(),
                manifest.snapshotId(), manifest.createdAt(), manifest.host(), manifest.liveBefore(),
                manifest.liveAfter(), manifest.files().size(), manifest.totalBytes(), body.length, sha256(body),
                bodyChunks, bodyLocations));
    }

    /** Reads a manifest object of format 1, 2 or 3; the body chunks come from {@code chunks}. */
    public static Manifest read(byte[] json, ChunkSource chunks) {
        int format = formatOf(json);
        if (format == Manifest.FORMAT_1) {
            return parse(json, Manifest.class, "manifest of format 1");
        }
        if (format != Manifest.FORMAT_2 && format != Manifest.FORMAT_3) {
            throw new IllegalArgumentException("manifest format " + format + " is not supported; this build reads "
                    + Manifest.FORMAT_1 + " to " + Manifest.FORMAT_3 + ": restore with a newer cht-backup");
        }
        ManifestHead head = stream(json, ManifestJson::head, "manifest head of format " + format);
        byte[] body = body(head, chunks);
        ManifestBody parsed = stream(body, ManifestJson::body, "manifest body of " + head.snapshotId());
        if (parsed.files().size() != head.fileCount()) {
            throw new IllegalArgumentException("manifest body of " + head.snapshotId() + " lists "
                    + parsed.files().size() + " files, its head says " + head.fileCount());
        }
        Map<String, ChunkLocation> locations = new LinkedHashMap<>();
        for (ManifestBody.Pack pack : parsed.packs()) {
            for (ManifestBody.Slot slot : pack.chunks()) {
                locations.put(slot.chunk(), new ChunkLocation(pack.id(), slot.offset(), slot.length()));
            }
        }
        return new Manifest(format, head.deploymentId(), head.snapshotId(), head.createdAt(), head.host(),
                parsed.files(), head.liveBefore(), head.liveAfter(), locations);
    }

    /** Reads a manifest that must be self-contained (format 1); format 2 fails, saying what it needs. */
    public static Manifest read(byte[] json) {
        return read(json, (id, where) -> {
            throw new IllegalArgumentException("manifest's file list is in chunks (first " + id
                    + "); read it with a chunk source");
        });
    }

    public static Manifest read(InputStream json) {
        try {
            return read(json.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading manifest failed", e);
        }
    }

    /** The head of a format-2 or format-3 manifest object. */
    public static ManifestHead readHead(byte[] json) {
        return stream(json, ManifestJson::head, "manifest head");
    }

    private static byte[] body(ManifestHead head, ChunkSource chunks) {
        if (head.bodyBytes() < 0 || head.bodyBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("manifest body of " + head.snapshotId() + " claims " + head.bodyBytes()
                    + " bytes: not readable in one piece");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) head.bodyBytes());
        for (int i = 0; i < head.bodyChunks().size(); i++) {
            String id = head.bodyChunks().get(i);
            if (!CHUNK_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("manifest head of " + head.snapshotId() + " names body chunk '" + id
                        + "', not 64 lowercase hex digits");
            }
            out.writeBytes(chunks.chunk(id, head.bodyLocations().isEmpty() ? null : head.bodyLocations().get(i)));
            if (out.size() > head.bodyBytes()) {
                break;
            }
        }
        byte[] body = out.toByteArray();
        if (body.length != head.bodyBytes() || !sha256(body).equals(head.bodySha256())) {
            throw new IllegalArgumentException("manifest body of " + head.snapshotId() + " reassembled from "
                    + head.bodyChunks().size() + " chunks is " + body.length + " bytes with another SHA-256 than its"
                    + " head names (" + head.bodyBytes() + " bytes): a body chunk is wrong or missing");
        }
        return body;
    }

    private static int formatOf(byte[] json) {
        Integer version;
        try {
            version = ManifestJson.formatVersion(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("manifest is not valid JSON: " + e.getMessage(), e);
        }
        if (version == null) {
            throw new IllegalArgumentException("manifest has no integer formatVersion: not a cht-backup manifest");
        }
        return version;
    }

    /** Format 1, through data binding (earlier builds' objects: rare, and read as they always were). */
    private static <T> T parse(byte[] json, Class<T> type, String what) {
        try {
            return Mappers.JSON.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T stream(byte[] json, java.util.function.Function<byte[], T> reader, String what) {
        try {
            return reader.apply(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    private ManifestCodec() {
    }
}
