package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.collector.discovery.ConfiguredPathsDiscovery;
import org.chtbackup.collector.discovery.EnvFile;
import org.chtbackup.collector.discovery.HostLayout;
import org.chtbackup.collector.plan.SnapshotPlanner;
import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PacksReleased;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.events.SnapshotStored;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.FileKind;
import org.chtbackup.contracts.manifest.HostFacts;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.chtbackup.contracts.manifest.Root;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.contracts.openpgp.ObjectEncryptor;
import org.chtbackup.contracts.sealing.Opener;
import org.chtbackup.contracts.sealing.Sealer;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.contracts.signing.EventSigningKeys;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.couchdb.CouchFile;
import org.chtbackup.crypto.senders.SenderKeys;
import org.chtbackup.verify.restore.RestorePaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue of bad inputs: each one given to the code that meets it in production (a record on each topic, a
 * sealed payload, a stored object, a key setting, a manifest path, a host's .env, a damaged CouchDB file), each
 * refused with a clear error that names what is wrong and carries none of the payload. Every input and its error is
 * recorded in target/faults/bad-inputs.md for docs/reliability.md. That the consumers then go on and lose nothing
 * is shown on the running pipeline by MalformedEventsAreDeadLetteredTest and PartsAreAcceptedOnlyFromTheirOwn...
 */
class BadInputsAreRefusedClearlyTest {

    /** Put in every payload: it must never appear in an error. */
    static final String PHI = "patient-Amina-HIV-positive";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String[]> RECORDED = new ArrayList<>();

    @TempDir
    static Path dir;

    record Case(String entry, String input, String expected, Callable<?> attempt) {
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithAClearErrorAndNoPayload() throws Exception {
        List<Case> cases = new ArrayList<>();
        events(cases);
        sealed(cases);
        objects(cases);
        settings(cases);
        paths(cases);
        hostFiles(cases);
        hostRoot(cases);
        couchFiles(cases);
        assertThat(cases).as("the catalogue holds at least 40 bad inputs").hasSizeGreaterThanOrEqualTo(40);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.entry() + ": " + c.input(), () -> {
            Throwable thrown = null;
            try {
                c.attempt().call();
            } catch (Throwable e) {
                thrown = e;
            }
            assertThat(thrown).as("%s must be refused", c.input()).isNotNull();
            String message = String.valueOf(thrown.getMessage());
            assertThat(thrown).isNotInstanceOf(NullPointerException.class).isNotInstanceOf(
                    ArrayIndexOutOfBoundsException.class);
            assertThat(message).isNotBlank().doesNotContain(PHI).containsIgnoringCase(c.expected());
            synchronized (RECORDED) {
                RECORDED.add(new String[] {c.entry(), c.input(), message.replaceAll("\\p{Cntrl}+", " ")});
            }
        }));
    }

    @AfterAll
    static void table() throws IOException {
        StringBuilder md = new StringBuilder("| entry point | bad input | error |\n|---|---|---|\n");
        for (String[] row : RECORDED) {
            String error = row[2].length() > 220 ? row[2].substring(0, 220) + "…" : row[2];
            md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ")
                    .append(error.replace("|", "\\|")).append(" |\n");
        }
        Files.createDirectories(FaultLedger.DIR);
        Files.writeString(FaultLedger.DIR.resolve("bad-inputs.md"), md.toString(), StandardCharsets.UTF_8);
    }

    // ---- records on the topics ------------------------------------------------------------------------

    private static void events(List<Case> cases) {
        String pack = "a".repeat(64);
        byte[] good = EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, "clinic-7", "s1",
                PartKind.PACK, pack, List.of(), 0, PHI.getBytes(StandardCharsets.UTF_8)));
        String parts = "crypto, snapshot-parts record";
        cases.add(new Case(parts, "empty record", "", () -> EventWire.decodePart(new byte[0])));
        cases.add(new Case(parts, "JSON event of version 2 (an older collector)", "upgrade",
                () -> EventWire.decodePart(("{\"version\":2,\"data\":\"" + PHI + "\"}").getBytes(StandardCharsets.UTF_8))));
        cases.add(new Case(parts, "text that is not ours", "magic",
                () -> EventWire.decodePart(("hello " + PHI).getBytes(StandardCharsets.UTF_8))));
        cases.add(new Case(parts, "record cut short", "", () -> EventWire.decodePart(Arrays.copyOf(good, good.length - 5))));
        cases.add(new Case(parts, "bytes after the payload", "", () -> EventWire.decodePart(concat(good, new byte[3]))));
        byte[] version9 = good.clone();
        version9[3] = 9;
        cases.add(new Case(parts, "unknown event version 9", "", () -> EventWire.decodePart(version9)));
        byte[] kind7 = good.clone();
        kind7[4] = 7;
        cases.add(new Case(parts, "unknown part kind 7", "", () -> EventWire.decodePart(kind7)));
        cases.add(new Case(parts, "an object record on the parts topic", "", () -> EventWire.decodePart(
                EventWire.encode(new ObjectEncrypted(ObjectEncrypted.VERSION, "clinic-7", "s1", PartKind.PACK,
                        "clinic-7/packs/aa/" + pack, List.of(), 0, new byte[10])))));
        cases.add(new Case(parts, "deployment id '../etc'", "deployment", () -> new SnapshotPartSealed(
                SnapshotPartSealed.VERSION, "../etc", "s1", PartKind.PACK, pack, List.of(), 0, new byte[1])));
        cases.add(new Case(parts, "pack id that is not 64 hex digits", "pack id", () -> new SnapshotPartSealed(
                SnapshotPartSealed.VERSION, "clinic-7", "s1", PartKind.PACK, "zz", List.of(), 0, new byte[1])));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= SnapshotPartSealed.MAX_IDS_PER_PIECE; i++) {
            tooMany.add(String.format("%064x", i));
        }
        cases.add(new Case(parts, "pack list piece with 16,385 ids (oversized)", "over", () -> new SnapshotPartSealed(
                SnapshotPartSealed.VERSION, "clinic-7", "s1", PartKind.PACK_LIST, "20260101T000000Z-s1.0", tooMany, 0,
                new byte[1])));
        cases.add(new Case("storage, objects record", "a part record on the objects topic", "",
                () -> EventWire.decodeObject(good)));
        cases.add(new Case("storage, objects record", "empty record", "", () -> EventWire.decodeObject(new byte[0])));
        String stored = "collector and verify, snapshots-stored JSON";
        cases.add(new Case(stored, "version 99", "version", () -> JSON.readValue(
                "{\"version\":99,\"deploymentId\":\"clinic-7\",\"snapshotId\":\"s\",\"location\":\"nas\","
                        + "\"manifestKey\":\"k\",\"chunkCount\":1,\"storedAt\":\"2026-01-01T00:00:00Z\"}",
                SnapshotStored.class)));
        cases.add(new Case(stored, "no snapshotId", "snapshotId", () -> JSON.readValue(
                "{\"version\":2,\"deploymentId\":\"clinic-7\",\"location\":\"nas\",\"manifestKey\":\"k\","
                        + "\"chunkCount\":1,\"storedAt\":\"2026-01-01T00:00:00Z\"}", SnapshotStored.class)));
        cases.add(new Case(stored, "deployment id in capitals", "deployment", () -> new SnapshotStored(2, "Clinic-7",
                "s", "nas", "k", 1, Instant.EPOCH)));
        cases.add(new Case(stored, "not JSON", "", () -> JSON.readValue("<xml>" + PHI + "</xml>", SnapshotStored.class)));
        String released = "collector, packs-released JSON";
        List<String> thousandAndOne = new ArrayList<>();
        for (int i = 0; i <= PacksReleased.MAX_PACKS; i++) {
            thousandAndOne.add(String.format("%064x", i));
        }
        cases.add(new Case(released, "1,001 pack ids in one event", "at most", () -> new PacksReleased(1, "clinic-7",
                "nas", thousandAndOne, Instant.EPOCH)));
        cases.add(new Case(released, "a pack id that is not hex", "packId", () -> new PacksReleased(1, "clinic-7",
                "nas", List.of("../../x"), Instant.EPOCH)));
    }

    // ---- sealed payloads (crypto) ---------------------------------------------------------------------------

    private static void sealed(List<Case> cases) {
        SealingKeys crypto = SealingKeys.generate();
        SealingKeys sender = SealingKeys.generate();
        byte[] aad = "cht-backup/v4\nclinic-7".getBytes(StandardCharsets.UTF_8);
        byte[] good = new Sealer(crypto.publicKey(), sender.privateKey()).seal(PHI.getBytes(StandardCharsets.UTF_8), aad);
        Opener opener = new Opener(crypto.privateKey());
        String entry = "crypto, sealed payload";
        byte[] flipped = good.clone();
        flipped[good.length - 3] ^= 1;
        cases.add(new Case(entry, "one bit flipped", "failed authentication",
                () -> opener.open(flipped, aad, sender.publicKey())));
        cases.add(new Case(entry, "cut short", "truncated",
                () -> opener.open(Arrays.copyOf(good, 20), aad, sender.publicKey())));
        cases.add(new Case(entry, "sealed to another crypto service", "failed authentication",
                () -> new Opener(SealingKeys.generate().privateKey()).open(good, aad, sender.publicKey())));
        cases.add(new Case(entry, "sealed by another deployment's sender key", "not sealed by sender key",
                () -> opener.open(good, aad, SealingKeys.generate().publicKey())));
        cases.add(new Case(entry, "replayed under another deployment", "failed authentication",
                () -> opener.open(good, "cht-backup/v4\nclinic-8".getBytes(StandardCharsets.UTF_8), sender.publicKey())));
        byte[] format2 = good.clone();
        format2[0] = 2;
        cases.add(new Case(entry, "sealed format 2 (no sender authentication)", "older than this crypto service",
                () -> opener.open(format2, aad, sender.publicKey())));
    }

    // ---- stored objects (verify, restore) -----------------------------------------------------------------

    private static void objects(List<Case> cases) {
        PGPSecretKeyRing signer = KeyRing.generateSigningKey("catalogue crypto", null);
        PGPSecretKeyRing ops = KeyRing.generateRecipientKey("catalogue ops", null);
        byte[] object = new ObjectEncryptor(KeyRing.encryptionKeys(KeyRing.publicRing(ops)),
                KeyRing.unlockSigningKey(signer, null)).encrypt(PHI.getBytes(StandardCharsets.UTF_8), "pack");
        ObjectDecryptor reader = new ObjectDecryptor(KeyRing.unlockDecryptionKeys(ops, null),
                KeyRing.signingKeys(KeyRing.publicRing(signer)));
        String entry = "verify and restore, stored object";
        byte[] flipped = object.clone();
        flipped[object.length - 40] ^= 1;
        cases.add(new Case(entry, "one bit flipped", "", () -> reader.decrypt(flipped)));
        cases.add(new Case(entry, "cut short", "", () -> reader.decrypt(Arrays.copyOf(object, object.length / 2))));
        cases.add(new Case(entry, "encrypted to another recipient (wrong key)", "", () -> new ObjectDecryptor(
                KeyRing.unlockDecryptionKeys(KeyRing.generateRecipientKey("other", null), null),
                KeyRing.signingKeys(KeyRing.publicRing(signer))).decrypt(object)));
        cases.add(new Case(entry, "signed by a key not trusted", "", () -> new ObjectDecryptor(
                KeyRing.unlockDecryptionKeys(ops, null),
                KeyRing.signingKeys(KeyRing.publicRing(KeyRing.generateSigningKey("impostor", null)))).decrypt(object)));
        cases.add(new Case(entry, "not OpenPGP at all", "", () -> reader.decrypt(PHI.getBytes(StandardCharsets.UTF_8))));
        cases.add(new Case("verify, manifest", "a manifest that is an empty JSON object", "",
                () -> ManifestCodec.read("{}".getBytes(StandardCharsets.UTF_8))));
        cases.add(new Case("verify, manifest", "a manifest of format 99", "not supported",
                () -> ManifestCodec.read("{\"formatVersion\":99}".getBytes(StandardCharsets.UTF_8))));
        cases.add(new Case("verify, manifest", "a manifest that is not JSON", "",
                () -> ManifestCodec.read(PHI.getBytes(StandardCharsets.UTF_8))));
    }

    // ---- key settings --------------------------------------------------------------------------------

    private static void settings(List<Case> cases) {
        cases.add(new Case("crypto and collector, sealing key setting", "not base64", "base64",
                () -> SealingKeys.decode("%%" + PHI)));
        cases.add(new Case("crypto and collector, sealing key setting", "31 bytes", "32 bytes",
                () -> SealingKeys.decode(java.util.Base64.getEncoder().encodeToString(new byte[31]))));
        cases.add(new Case("storage and collector, event key setting", "empty", "empty",
                () -> EventSigningKeys.decode("", "storage.event-signing-key")));
        cases.add(new Case("crypto, sender register", "a deployment with no registered key", "no registered sender key",
                () -> new SenderKeys(Files.createDirectories(dir.resolve("senders-empty"))).publicKeyOf("clinic-9")));
        cases.add(new Case("crypto, sender register", "a registered key file that holds garbage", "unusable", () -> {
            Path senders = Files.createDirectories(dir.resolve("senders-garbage"));
            Files.writeString(senders.resolve("clinic-9.pub"), "not a key\n");
            return new SenderKeys(senders).publicKeyOf("clinic-9");
        }));
    }

    // ---- manifest paths (restore) ----------------------------------------------------------------------

    private static void paths(List<Case> cases) {
        String entry = "verify and restore, manifest file path";
        for (String[] p : new String[][] {{"../../etc/cron.d/x", "'..'"}, {"/etc/passwd", "absolute"},
                {"shards/../../../x", "'..'"}, {"C:\\Windows\\x", "absolute"}, {"a\0b", "absolute"}}) {
            cases.add(new Case(entry, "path '" + p[0].replace("\0", "\\0") + "'", p[1], () -> RestorePaths.resolve(
                    dir.resolve("restore"), new FileEntry(Root.COUCHDB_DATA, p[0], FileKind.DATABASE, 1, 0644,
                            Instant.EPOCH, "0".repeat(64), List.of()))));
        }
    }

    // ---- files of the CHT host (collector) -----------------------------------------------------------

    private static void hostFiles(List<Case> cases) throws Exception {
        String entry = "collector, the host's .env";
        Path fifo = dir.resolve("env-fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        cases.add(new Case(entry, "a FIFO instead of a file", "no .env", () -> EnvFile.read(fifo)));
        cases.add(new Case(entry, "a directory instead of a file", "no .env",
                () -> EnvFile.read(Files.createDirectories(dir.resolve("env-dir")))));
        cases.add(new Case(entry, "the device /dev/zero", "no .env", () -> EnvFile.read(Path.of("/dev/zero"))));
        Path latin1 = dir.resolve("latin1.env");
        Files.write(latin1, ("COUCHDB_PASSWORD=caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        cases.add(new Case(entry, "not UTF-8 (Latin-1)", "cannot read", () -> EnvFile.read(latin1)));
        Path noPassword = dir.resolve("no-password.env");
        Files.writeString(noPassword, "COUCHDB_USER=medic\n=" + PHI + "\nexport\n");
        cases.add(new Case(entry, "no COUCHDB_PASSWORD, a line with no name", "COUCHDB_PASSWORD",
                () -> EnvFile.read(noPassword).require("COUCHDB_PASSWORD")));
    }

    // ---- what a host root holds besides regular files (collector discovery and planning) ---------------

    private static void hostRoot(List<Case> cases) throws Exception {
        String entry = "collector, an entry of the host root";
        Path data = Files.createDirectories(dir.resolve("hostile-data/shards/00000000-ffffffff"));
        Path compose = Files.createDirectories(dir.resolve("hostile-compose"));
        cases.add(new Case(entry, "a .couch that links out of the host (/etc/passwd)", "symbolic link, not followed",
                () -> planOnly(Root.COUCHDB_DATA, data.getParent().getParent(),
                        Files.createSymbolicLink(data.resolve("passwd.couch"), Path.of("/etc/passwd")))));
        cases.add(new Case(entry, "a link that points at itself", "symbolic link, not followed",
                () -> planOnly(Root.COUCHDB_DATA, data.getParent().getParent(),
                        Files.createSymbolicLink(data.resolve("loop.couch"), Path.of("loop.couch")))));
        cases.add(new Case(entry, "a compose file that links to /etc/shadow", "symbolic link, not followed",
                () -> planOnly(Root.COMPOSE, compose,
                        Files.createSymbolicLink(compose.resolve("docker-compose.yml"), Path.of("/etc/shadow")))));
        cases.add(new Case(entry, "a FIFO named like a shard", "FIFO, socket or device", () -> {
            Path fifo = data.resolve("fifo.couch");
            new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
            return planOnly(Root.COUCHDB_DATA, data.getParent().getParent(), fifo);
        }));
        cases.add(new Case(entry, "a device (/dev/zero's numbers) named like a shard", "FIFO, socket or device", () -> {
            Path device = data.resolve("zero.couch");
            Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "5").start();
            assertThat(mknod.waitFor()).as("mknod needs root; CI runs as root").isZero();
            return planOnly(Root.COUCHDB_DATA, data.getParent().getParent(), device);
        }));
        cases.add(new Case(entry, "a compose file whose name is not UTF-8", "name is not valid", () -> {
            Path folder = Files.createDirectories(dir.resolve("latin1-compose"));
            new ProcessBuilder("sh", "-c", "printf x > \"$1/$(printf 'caf\\351.yml')\"", "sh", folder.toString())
                    .start().waitFor();
            try (Stream<Path> files = Files.list(folder)) {
                return planOnly(Root.COMPOSE, folder, files.findFirst().orElseThrow());
            }
        }));
        String discovery = "collector, the host's .env paths";
        Path host = Files.createDirectories(dir.resolve("hostile-host"));
        Path env = Files.createDirectories(host.resolve("cht/upgrade-service")).resolve(".env");
        Files.createSymbolicLink(host.resolve("loop-a"), Path.of("/loop-b"));
        Files.createSymbolicLink(host.resolve("loop-b"), Path.of("/loop-a"));
        cases.add(new Case(discovery, "COUCHDB_DATA through a loop of links", "symbolic links", () -> {
            Files.writeString(env, "COUCHDB_DATA=/loop-a/couchdb\nCOUCHDB_PASSWORD=" + PHI + "\n");
            return discover(host);
        }));
        cases.add(new Case(discovery, "COUCHDB_DATA climbing out of the host root (../../../etc)", "not a directory",
                () -> {
                    Files.writeString(env, "COUCHDB_DATA=../../../../../../etc\nCOUCHDB_PASSWORD=" + PHI + "\n");
                    return discover(host);
                }));
    }

    /**
     * Plans a host whose only root is {@code folder} and throws when {@code entry} is skipped, with the planner's
     * reason: the refusal of that one entry (the rest of a snapshot goes on, HostileHostRootIsBackedUpSafelyTest).
     */
    private static Object planOnly(Root root, Path folder, Path entry) {
        String name = folder.relativize(entry).toString();
        HostLayout layout = new HostLayout(root == Root.COUCHDB_DATA ? Map.of() : Map.of(root, folder),
                root == Root.COUCHDB_DATA ? Map.of("", folder) : Map.of(), new HostFacts(null, null, null, "cht",
                false, "configured-paths"), null, java.util.Set.of(), null);
        List<String> reasons = new ArrayList<>();
        new SnapshotPlanner().plan(layout, (file, reason) -> {
            if (file.endsWith(name)) {
                reasons.add(reason);
            }
        });
        if (!reasons.isEmpty()) {
            throw new IllegalArgumentException(name + " skipped: " + reasons.get(0));
        }
        return "planned";
    }

    private static Object discover(Path host) {
        try (HostLayout layout = new ConfiguredPathsDiscovery(host, Path.of("/cht/upgrade-service/.env"), null, null,
                null).discover()) {
            return layout.dataDirs();
        }
    }

    // ---- CouchDB files (collector, verify's offline check) -------------------------------------------------

    private static void couchFiles(List<Case> cases) throws IOException {
        String entry = "collector and verify, CouchDB file";
        Path empty = Files.createFile(dir.resolve("empty.couch"));
        cases.add(new Case(entry, "an empty file", "", () -> openCouch(empty)));
        Path random = dir.resolve("random.couch");
        byte[] noise = new byte[64 << 10];
        new java.util.Random(3).nextBytes(noise);
        Files.write(random, noise);
        cases.add(new Case(entry, "64 KiB of random bytes", "", () -> openCouch(random)));
        Path shard = firstShard();
        Path cut = dir.resolve("cut.couch");
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(shard)) {
            in.readNBytes(head, 0, head.length);
        }
        Files.write(cut, head);
        cases.add(new Case(entry, "a real shard cut to its first 4 KiB", "", () -> openCouch(cut)));
    }

    /** Opens a CouchDB file and reads it through: a damaged one must throw, or report problems, never pass. */
    private static Object openCouch(Path file) throws IOException {
        try (CouchFile couch = CouchFile.open(file)) {
            if (!couch.problems().isEmpty()) {
                throw new IOException(file.getFileName() + ": " + couch.problems().get(0));
            }
            return couch.walkCounts();
        }
    }

    private static Path firstShard() throws IOException {
        try (Stream<Path> files = Files.walk(SharedFixtures.chtHost().resolve("home/ubuntu/cht/couchdb/shards"))) {
            return files.filter(p -> p.toString().endsWith(".couch")).filter(p -> size(p) > 16384).findFirst()
                    .orElseThrow();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
