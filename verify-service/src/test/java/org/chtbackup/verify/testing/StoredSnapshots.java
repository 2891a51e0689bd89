package org.chtbackup.verify.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.FileKind;
import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.LiveStatistics;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.chtbackup.contracts.manifest.Root;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.contracts.openpgp.ObjectEncryptor;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * Stores a snapshot of {@code fixtures/cht-host} straight into a location with the real
 * {@link ObjectEncryptor}, {@link ObjectLayout} and {@link ManifestCodec}, without Kafka: what storage writes,
 * made fast for drill tests.
 */
public final class StoredSnapshots {

    public static final String DEPLOYMENT = "clinic-7";
    private static final int CHUNK = 256 * 1024;
    private static PGPSecretKeyRing ops;
    private static PGPSecretKeyRing signer;
    private static PGPSecretKeyRing stranger;

    public static synchronized PGPSecretKeyRing ops() {
        if (ops == null) {
            ops = KeyRing.generateRecipientKey("test ops", null);
            signer = KeyRing.generateSigningKey("test crypto", null);
        }
        return ops;
    }

    public static synchronized PGPSecretKeyRing signer() {
        ops();
        return signer;
    }

    /** A recipient key nothing was encrypted to. */
    public static synchronized PGPSecretKeyRing stranger() {
        if (stranger == null) {
            stranger = KeyRing.generateRecipientKey("someone else", null);
        }
        return stranger;
    }

    /** An opened filesystem location named "nas" in {@code dir}, as the restore tests store into. */
    public static Location nas(Path dir) {
        return new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, dir, "disk",
                false).open();
    }

    public static ObjectDecryptor decryptor() {
        return decryptor(ops());
    }

    public static ObjectDecryptor decryptor(PGPSecretKeyRing recipient) {
        return new ObjectDecryptor(KeyRing.unlockDecryptionKeys(recipient, null),
                KeyRing.signingKeys(KeyRing.publicRing(signer())));
    }

    public static ObjectEncryptor encryptor() {
        return new ObjectEncryptor(KeyRing.encryptionKeys(KeyRing.publicRing(ops())),
                KeyRing.unlockSigningKey(signer(), null));
    }

    /** The repository's fixtures folder. */
    public static Path fixtures() {
        return SharedFixtures.root();
    }

    public static Path chtHost() {
        return fixtures().resolve("cht-host");
    }

    /** The fixture's live statistics ({@code live-stats.json}), as a collector reading them would record. */
    public static LiveStatistics liveStatistics(Instant at) {
        try {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readAllBytes(chtHost().resolve("live-stats.json")));
            Map<String, LiveStatistics.DatabaseStatistics> dbs = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> db : root.path("databases").properties()) {
                dbs.put(db.getKey(), new LiveStatistics.DatabaseStatistics(db.getValue().path("doc_count").asLong(),
                        db.getValue().path("doc_del_count").asLong(), db.getValue().path("update_seq").asString()));
            }
            return new LiveStatistics(at, dbs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the fixture host as snapshot {@code snapshotId} with a manifest of format 3; returns the manifest key. */
    public static String store(Location location, String snapshotId, Instant createdAt, LiveStatistics before,
                               LiveStatistics after) {
        return store(location, snapshotId, createdAt, before, after, Manifest.FORMAT_3);
    }

    /** Where the last stored snapshot keeps a chunk: its pack's key (format 3) or its own object's key. */
    public static String objectHolding(String chunkId) {
        String key = HOLDERS.get(chunkId);
        if (key == null) {
            throw new IllegalArgumentException("chunk " + chunkId + " was not stored by StoredSnapshots");
        }
        return key;
    }

    private static final Map<String, String> HOLDERS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Small packs, so that even the fixture host spans many. */
    private static final int PACK = 64 * 1024;

    /**
     * Stores the fixture host as snapshot {@code snapshotId} with a manifest of {@code format}: 1 and 2 as earlier
     * builds wrote them (one object per chunk; format 1 one manifest object, format 2 a head naming the chunks of the
     * file list), 3 as this build does (chunks in packs of zstd frames). Returns its key.
     */
    public static String store(Location location, String snapshotId, Instant createdAt, LiveStatistics before,
                               LiveStatistics after, int format) {
        return store(location, snapshotId, createdAt, before, after, format,
                chtHost().resolve("home/ubuntu/cht/couchdb"),
                new HostFacts("4.20.0", "3.4.3", "couchdb@127.0.0.1", "cht", false, "configured-paths"));
    }

    /**
     * Stores a clustered host: {@code fixtures/couchdb-cluster} (three nodes' data directories, {@code db1..db3}) as
     * its CouchDB data, the fixture host's other files beside it.
     */
    public static String storeClustered(Location location, String snapshotId, Instant createdAt, LiveStatistics before,
                                        LiveStatistics after) {
        return storeClustered(location, snapshotId, createdAt, before, after, fixtures().resolve("couchdb-cluster"));
    }

    /** As {@link #storeClustered(Location, String, Instant, LiveStatistics, LiveStatistics)}, from {@code nodes}. */
    public static String storeClustered(Location location, String snapshotId, Instant createdAt, LiveStatistics before,
                                        LiveStatistics after, Path nodes) {
        return store(location, snapshotId, createdAt, before, after, Manifest.FORMAT_3, nodes,
                new HostFacts("4.20.0", "3.4.3", "couchdb@couchdb-1.local", "cht", true, "docker"));
    }

    /**
     * Live statistics of the cluster fixture as its CouchDB would answer them: per database the documents over all
     * ranges, update_seq in the clustered form.
     */
    public static LiveStatistics clusterLiveStatistics(Instant at, long medicDocs) {
        return new LiveStatistics(at, Map.of(
                "medic", new LiveStatistics.DatabaseStatistics(medicDocs, 0, "7-g1AAAAB"),
                "_users", new LiveStatistics.DatabaseStatistics(2, 0, "2-g1AAAAB"),
                "medic-logs", new LiveStatistics.DatabaseStatistics(6, 0, "6-g1AAAAB")));
    }

    private static String store(Location location, String snapshotId, Instant createdAt, LiveStatistics before,
                                LiveStatistics after, int format, Path couchdbData, HostFacts host) {
        ObjectEncryptor encryptor = encryptor();
        Path cht = chtHost().resolve("home/ubuntu/cht");
        List<FileEntry> files = new ArrayList<>();
        Packer packer = format == Manifest.FORMAT_3 ? new Packer(location, encryptor) : null;
        try {
            files.addAll(walk(location, encryptor, packer, Root.COUCHDB_DATA, couchdbData));
            files.addAll(walk(location, encryptor, packer, Root.COMPOSE, cht.resolve("compose")));
            files.addAll(walk(location, encryptor, packer, Root.UPGRADE_SERVICE, cht.resolve("upgrade-service")));
            files.addAll(walk(location, encryptor, packer, Root.TLS, chtHost().resolve("nginx-private")));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("storing the fixture snapshot failed", e);
        }
        Manifest manifest = new Manifest(format, DEPLOYMENT, snapshotId, createdAt, host, files, before, after,
                packer == null ? Map.of() : packer.located);
        String key = ObjectLayout.manifestKey(DEPLOYMENT, ObjectLayout.manifestId(createdAt, snapshotId));
        if (format == Manifest.FORMAT_1) {
            location.put(key, encryptor.encrypt(ManifestCodec.write(manifest), "manifest"));
            return key;
        }
        byte[] body = ManifestCodec.writeBody(manifest);
        List<String> bodyChunks = new ArrayList<>();
        if (packer != null) {
            packer.flush(); // the file list in packs of its own, as the collector does
        }
        try {
            // Small pieces, so that even the fixture's file list spans several chunks.
            bodyChunks.addAll(putChunks(location, encryptor, packer, new java.io.ByteArrayInputStream(body), null,
                    4096));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("storing the fixture manifest body failed", e);
        }
        List<org.chtbackup.contracts.packs.ChunkLocation> bodyAt = new ArrayList<>();
        if (packer != null) {
            packer.flush();
            bodyChunks.forEach(id -> bodyAt.add(packer.located.get(id)));
        }
        location.put(key, encryptor.encrypt(ManifestCodec.writeHead(manifest, body, bodyChunks, bodyAt), "manifest"));
        return key;
    }

    /** Fills packs of zstd frames and stores each as one object, as the collector, crypto and storage do. */
    private static final class Packer {
        private final Location location;
        private final ObjectEncryptor encryptor;
        private final Map<String, org.chtbackup.contracts.packs.ChunkLocation> located = new LinkedHashMap<>();
        private final List<String> inPack = new ArrayList<>();
        private org.chtbackup.contracts.packs.PackCompression.Writer pack =
                new org.chtbackup.contracts.packs.PackCompression.Writer(3);
        private String packId = newPackId();

        Packer(Location location, ObjectEncryptor encryptor) {
            this.location = location;
            this.encryptor = encryptor;
        }

        void add(String id, byte[] chunk) {
            if (located.containsKey(id)) {
                return;
            }
            located.put(id, new org.chtbackup.contracts.packs.ChunkLocation(packId, pack.add(chunk), chunk.length));
            inPack.add(id);
            if (pack.compressedSize() >= PACK) {
                flush();
            }
        }

        void flush() {
            if (inPack.isEmpty()) {
                return;
            }
            pack.finish();
            String key = ObjectLayout.packKey(DEPLOYMENT, packId);
            location.put(key, encryptor.encrypt(pack.bytes(), 0, pack.compressedSize(), packId + ".zst"));
            inPack.forEach(id -> HOLDERS.put(id, key));
            inPack.clear();
            pack = new org.chtbackup.contracts.packs.PackCompression.Writer(3);
            packId = newPackId();
        }

        private static String newPackId() {
            byte[] id = new byte[32];
            new java.security.SecureRandom().nextBytes(id);
            return HexFormat.of().formatHex(id);
        }
    }

    /** Cuts {@code in} into fixed-size chunks stored as chunk objects or packed; returns their ids in order. */
    private static List<String> putChunks(Location location, ObjectEncryptor encryptor, Packer packer, InputStream in,
                                          MessageDigest sha, int size) throws IOException, GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        List<String> chunks = new ArrayList<>();
        byte[] chunk;
        while ((chunk = in.readNBytes(size)).length > 0) {
            if (sha != null) {
                sha.update(chunk);
            }
            String id = HexFormat.of().formatHex(mac.doFinal(chunk));
            if (packer != null) {
                packer.add(id, chunk);
            } else {
                String key = ObjectLayout.chunkKey(DEPLOYMENT, id);
                location.put(key, encryptor.encrypt(chunk, id));
                HOLDERS.put(id, key);
            }
            chunks.add(id);
        }
        return chunks;
    }

    private static List<FileEntry> walk(Location location, ObjectEncryptor encryptor, Packer packer, Root root,
                                        Path dir) throws IOException, GeneralSecurityException {
        List<FileEntry> out = new ArrayList<>();
        List<Path> paths;
        try (Stream<Path> all = Files.walk(dir)) {
            paths = all.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : paths) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> chunks;
            try (InputStream in = Files.newInputStream(file)) {
                chunks = putChunks(location, encryptor, packer, in, sha, CHUNK);
            }
            String rel = dir.relativize(file).toString().replace('\\', '/');
            out.add(new FileEntry(root, rel, kind(root, rel), Files.size(file), 0644,
                    Files.getLastModifiedTime(file).toInstant(), HexFormat.of().formatHex(sha.digest()), chunks));
        }
        return out;
    }

    private static FileKind kind(Root root, String path) {
        return switch (root) {
            case COUCHDB_DATA -> path.endsWith(".couch") ? FileKind.DATABASE
                    : path.endsWith(".view") ? FileKind.VIEW_INDEX : FileKind.COUCHDB_OTHER;
            case COMPOSE -> FileKind.COMPOSE;
            case UPGRADE_SERVICE -> path.endsWith(".env") ? FileKind.ENV : FileKind.COMPOSE;
            case COUCHDB_CONFIG -> FileKind.COUCHDB_CONFIG;
            case TLS -> FileKind.TLS;
        };
    }

    private StoredSnapshots() {
    }
}
