package org.chtbackup.contracts.manifest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.packs.ChunkLocation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the heads and bodies of manifests of format 2 and 3 with Jackson's streaming parser instead of its data
 * binding. A restore reads one before its first pack, and building data-binding readers for the manifest's records,
 * then running them over a body of a million chunk ids, was 0.3 s of the restore tool's 1 s start (docs/restore.md).
 * It reads what {@link ManifestCodec}'s mapper writes, by the same rules: a property it does not know is skipped, one
 * that is missing or null is null (0 for a number), an instant is an ISO-8601 string (or seconds since the epoch).
 * A field added to a manifest record must be added here too: {@code StreamedManifestReadsWhatTheMapperWritesTest}
 * compares this reader with data binding on random manifests, and fails once its generator sets the new field.
 */
final class ManifestJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** One JSON value, read from the parser positioned on its first token. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonParser p);
    }

    /** The top-level {@code formatVersion}, or null if there is none or it is not an integer. */
    static Integer formatVersion(byte[] json) {
        return parse(json, p -> {
            Integer version = null;
            requireStart(p, JsonToken.START_OBJECT, "the manifest");
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("formatVersion")) {
                    version = value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            ? p.getIntValue() : null;
                }
                p.skipChildren();
            }
            return version;
        });
    }

    static ManifestHead head(byte[] json) {
        return parse(json, p -> {
            requireStart(p, JsonToken.START_OBJECT, "the manifest head");
            int formatVersion = 0;
            int fileCount = 0;
            long totalBytes = 0;
            long bodyBytes = 0;
            String deploymentId = null;
            String snapshotId = null;
            String bodySha256 = null;
            Instant createdAt = null;
            HostFacts host = null;
            LiveStatistics liveBefore = null;
            LiveStatistics liveAfter = null;
            List<String> bodyChunks = null;
            List<ChunkLocation> bodyLocations = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "formatVersion" -> formatVersion = intValue(p, name);
                    case "deploymentId" -> deploymentId = string(p, name);
                    case "snapshotId" -> snapshotId = string(p, name);
                    case "createdAt" -> createdAt = instant(p, name);
                    case "host" -> host = nullable(p, ManifestJson::hostFacts);
                    case "liveBefore" -> liveBefore = nullable(p, ManifestJson::liveStatistics);
                    case "liveAfter" -> liveAfter = nullable(p, ManifestJson::liveStatistics);
                    case "fileCount" -> fileCount = intValue(p, name);
                    case "totalBytes" -> totalBytes = longValue(p, name);
                    case "bodyBytes" -> bodyBytes = longValue(p, name);
                    case "bodySha256" -> bodySha256 = string(p, name);
                    case "bodyChunks" -> bodyChunks = list(p, name, q -> string(q, name));
                    case "bodyLocations" -> bodyLocations = list(p, name, ManifestJson::chunkLocation);
                    default -> p.skipChildren();
                }
            }
            return new ManifestHead(formatVersion, deploymentId, snapshotId, createdAt, host, liveBefore, liveAfter,
                    fileCount, totalBytes, bodyBytes, bodySha256, bodyChunks, bodyLocations);
        });
    }

    static ManifestBody body(byte[] json) {
        return parse(json, p -> {
            requireStart(p, JsonToken.START_OBJECT, "the manifest body");
            List<FileEntry> files = null;
            List<ManifestBody.Pack> packs = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "files" -> files = list(p, name, ManifestJson::fileEntry);
                    case "packs" -> packs = list(p, name, ManifestJson::pack);
                    default -> p.skipChildren();
                }
            }
            return new ManifestBody(files, packs);
        });
    }

    private static <T> T parse(byte[] json, Reader<T> reader) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            T value = reader.read(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("unexpected " + p.currentToken() + " after the JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static FileEntry fileEntry(JsonParser p) {
        requireStart(p, JsonToken.START_OBJECT, "a file entry");
        Root root = null;
        FileKind kind = null;
        String path = null;
        String sha256 = null;
        long size = 0;
        int mode = 0;
        Instant modified = null;
        List<String> chunks = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "root" -> root = constant(p, name, Root.class);
                case "path" -> path = string(p, name);
                case "kind" -> kind = constant(p, name, FileKind.class);
                case "size" -> size = longValue(p, name);
                case "mode" -> mode = intValue(p, name);
                case "modified" -> modified = instant(p, name);
                case "sha256" -> sha256 = string(p, name);
                case "chunks" -> chunks = list(p, name, q -> string(q, name));
                default -> p.skipChildren();
            }
        }
        return new FileEntry(root, path, kind, size, mode, modified, sha256, chunks == null ? List.of() : chunks);
    }

    private static ManifestBody.Pack pack(JsonParser p) {
        requireStart(p, JsonToken.START_OBJECT, "a pack");
        String id = null;
        List<ManifestBody.Slot> chunks = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "id" -> id = string(p, name);
                case "chunks" -> chunks = list(p, name, ManifestJson::slot);
                default -> p.skipChildren();
            }
        }
        return new ManifestBody.Pack(id, chunks);
    }

    /** {@code [chunk id, offset, length]}: the body's one array-shaped record. */
    private static ManifestBody.Slot slot(JsonParser p) {
        requireStart(p, JsonToken.START_ARRAY, "a pack's chunk ([id, offset, length])");
        p.nextToken();
        String chunk = string(p, "chunk");
        p.nextToken();
        long offset = longValue(p, "offset");
        p.nextToken();
        int length = intValue(p, "length");
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new IllegalArgumentException("a pack's chunk has more than [id, offset, length]");
        }
        return new ManifestBody.Slot(chunk, offset, length);
    }

    private static ChunkLocation chunkLocation(JsonParser p) {
        requireStart(p, JsonToken.START_OBJECT, "a chunk location");
        String packId = null;
        long offset = 0;
        int length = 0;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "packId" -> packId = string(p, name);
                case "offset" -> offset = longValue(p, name);
                case "length" -> length = intValue(p, name);
                default -> p.skipChildren();
            }
        }
        return new ChunkLocation(packId, offset, length);
    }

    private static HostFacts hostFacts(JsonParser p) {
        requireStart(p, JsonToken.START_OBJECT, "host");
        String chtVersion = null;
        String couchdbVersion = null;
        String nodeName = null;
        String composeProject = null;
        String discovery = null;
        boolean clustered = false;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "chtVersion" -> chtVersion = string(p, name);
                case "couchdbVersion" -> couchdbVersion = string(p, name);
                case "nodeName" -> nodeName = string(p, name);
                case "composeProject" -> composeProject = string(p, name);
                case "clustered" -> clustered = bool(p, name);
                case "discovery" -> discovery = string(p, name);
                default -> p.skipChildren();
            }
        }
        return new HostFacts(chtVersion, couchdbVersion, nodeName, composeProject, clustered, discovery);
    }

    private static LiveStatistics liveStatistics(JsonParser p) {
        requireStart(p, JsonToken.START_OBJECT, "live statistics");
        Instant readAt = null;
        Map<String, LiveStatistics.DatabaseStatistics> databases = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "readAt" -> readAt = instant(p, name);
                case "databases" -> {
                    if (p.currentToken() != JsonToken.VALUE_NULL) {
                        requireStart(p, JsonToken.START_OBJECT, "databases");
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            String db = p.currentName();
                            p.nextToken();
                            databases.put(db, databaseStatistics(p));
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new LiveStatistics(readAt, databases);
    }

    private static LiveStatistics.DatabaseStatistics databaseStatistics(JsonParser p) {
        requireStart(p, JsonToken.START_OBJECT, "a database's statistics");
        long docCount = 0;
        long docDelCount = 0;
        String updateSeq = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "docCount" -> docCount = longValue(p, name);
                case "docDelCount" -> docDelCount = longValue(p, name);
                case "updateSeq" -> updateSeq = string(p, name);
                default -> p.skipChildren();
            }
        }
        return new LiveStatistics.DatabaseStatistics(docCount, docDelCount, updateSeq);
    }

    private static <T> List<T> list(JsonParser p, String name, Reader<T> element) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        requireStart(p, JsonToken.START_ARRAY, "'" + name + "'");
        List<T> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            T value = element.read(p);
            if (value == null) {
                throw new IllegalArgumentException("'" + name + "' holds a null");
            }
            values.add(value);
        }
        return values;
    }

    private static <T> T nullable(JsonParser p, Reader<T> reader) {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : reader.read(p);
    }

    private static String string(JsonParser p, String name) {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getString();
            case VALUE_NULL -> null;
            default -> throw wrongType(p, name, "a string");
        };
    }

    private static long longValue(JsonParser p, String name) {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NULL -> 0;
            default -> throw wrongType(p, name, "an integer");
        };
    }

    private static int intValue(JsonParser p, String name) {
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getIntValue();
            case VALUE_NULL -> 0;
            default -> throw wrongType(p, name, "an integer");
        };
    }

    private static boolean bool(JsonParser p, String name) {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw wrongType(p, name, "true or false");
        };
    }

    private static Instant instant(JsonParser p, String name) {
        try {
            return switch (p.currentToken()) {
                case VALUE_STRING -> Instant.parse(p.getString());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    BigDecimal seconds = p.getDecimalValue();
                    yield Instant.ofEpochSecond(seconds.longValue(),
                            seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
                }
                case VALUE_NULL -> null;
                default -> throw wrongType(p, name, "an ISO-8601 instant");
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not an ISO-8601 instant: " + e.getParsedString(), e);
        }
    }

    private static <E extends Enum<E>> E constant(JsonParser p, String name, Class<E> type) {
        String value = string(p, name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is '" + value + "', not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    private static void requireStart(JsonParser p, JsonToken expected, String what) {
        if (p.currentToken() != expected) {
            throw new IllegalArgumentException(what + " is not a JSON " + (expected == JsonToken.START_OBJECT
                    ? "object" : "array") + " (found " + p.currentToken() + ")");
        }
    }

    private static IllegalArgumentException wrongType(JsonParser p, String name, String expected) {
        return new IllegalArgumentException("'" + name + "' is " + p.currentToken() + ", not " + expected);
    }

    private ManifestJson() {
    }
}
