package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.packs.ChunkLocation;
import org.chtbackup.contracts.manifest.FileEntry;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.Root;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectDecryptor;
import org.chtbackup.contracts.testing.Gpg;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.location.Location;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No stored byte in any location reveals a document id or a .env secret; stock gpg decrypts what we store. */
class StoredObjectsAreNotPlaintextTest {

    static final List<String> MARKERS = SharedFixtures.PLAINTEXT_MARKERS;

    @Test
    void markersAreInTheSourceButInNoStoredObject() throws IOException {
        SampleSnapshot snapshot = SampleSnapshot.get();
        byte[] source = concatenate(SharedFixtures.chtHost());
        for (String marker : MARKERS) {
            assertThat(SharedFixtures.indexOf(source, marker.getBytes(StandardCharsets.UTF_8))).as("fixture holds " + marker)
                    .isNotNegative();
        }
        int objects = 0;
        for (String name : snapshot.pipeline.locations.keySet()) {
            Location location = snapshot.pipeline.location(name);
            for (String key : location.list(Pipeline.DEPLOYMENT + "/")) {
                byte[] object;
                try (InputStream in = location.get(key)) {
                    object = in.readAllBytes();
                }
                objects++;
                for (String marker : MARKERS) {
                    assertThat(SharedFixtures.indexOf(object, marker.getBytes(StandardCharsets.UTF_8)))
                            .as(marker + " in " + name + ":" + key).isNegative();
                }
            }
        }
        assertThat(objects).as("packs, manifests and indexes in three locations").isGreaterThan(3 * 4);
        for (String name : snapshot.pipeline.locations.keySet()) {
            assertThat(snapshot.pipeline.location(name).list(Pipeline.DEPLOYMENT + "/packs/")).as("packs in " + name)
                    .hasSizeGreaterThan(2);
        }
        // And the bytes the S3 servers and the directory keep on disk, whatever their own layout.
        byte[] onDisk = concatenate(snapshot.pipeline.work.resolve("nas"));
        for (String marker : MARKERS) {
            assertThat(SharedFixtures.indexOf(onDisk, marker.getBytes(StandardCharsets.UTF_8))).as(marker + " on disk").isNegative();
        }
    }

    @Test
    void stockGpgAndZstdReadTheEnvChunkFromItsPackAndGpgTheManifest(@TempDir Path gnupgHome) throws Exception {
        org.chtbackup.contracts.testing.Requirements.require(Gpg.available(), "stock gpg is not installed at " + Gpg.BINARY);
        org.chtbackup.contracts.testing.Requirements.require(Files.isExecutable(Path.of("/usr/bin/zstd")),
                "stock zstd is not installed at /usr/bin/zstd");
        SampleSnapshot snapshot = SampleSnapshot.get();
        Location nas = snapshot.pipeline.location("nas");
        String manifestKey = nas.list(ObjectLayout.snapshotsPrefix(Pipeline.DEPLOYMENT)).stream()
                .filter(k -> k.contains(snapshot.result.snapshotId())).findFirst().orElseThrow();
        PGPPublicKeyRing signer = KeyRing.publicRing(snapshot.pipeline.signer);
        ObjectDecryptor ours = new ObjectDecryptor(KeyRing.unlockDecryptionKeys(snapshot.pipeline.ops, null),
                KeyRing.signingKeys(signer));
        Manifest manifest = new SnapshotRestorer(ours).readManifest(nas, manifestKey);
        FileEntry env = manifest.files().stream()
                .filter(f -> f.root() == Root.UPGRADE_SERVICE && f.path().equals(".env")).findFirst().orElseThrow();
        assertThat(env.chunks()).hasSize(1);

        Path nasDir = snapshot.pipeline.work.resolve("nas");
        try (Gpg gpg = new Gpg(gnupgHome)) {
            gpg.importKey(Files.readString(snapshot.pipeline.keys.resolve("ops.asc")));
            gpg.importKey(Files.readString(snapshot.pipeline.keys.resolve("signing.pub.asc")));
            ChunkLocation at = manifest.locations().get(env.chunks().get(0));
            byte[] pack = decrypt(gpg, nasDir.resolve(ObjectLayout.packKey(Pipeline.DEPLOYMENT, at.packId())));
            Path compressed = Files.write(gnupgHome.resolve("pack.zst"), pack);
            Process zstd = new ProcessBuilder("/usr/bin/zstd", "-d", "-q", "-c", compressed.toString()).start();
            byte[] content = zstd.getInputStream().readAllBytes();
            assertThat(zstd.waitFor()).isZero();
            byte[] envPlain = java.util.Arrays.copyOfRange(content, (int) at.offset(), (int) at.offset() + at.length());
            assertThat(envPlain).isEqualTo(Files.readAllBytes(
                    SharedFixtures.chtHost().resolve("home/ubuntu/cht/upgrade-service/.env")));
            byte[] manifestPlain = decrypt(gpg, nasDir.resolve(manifestKey));
            assertThat(new String(manifestPlain, StandardCharsets.UTF_8)).contains(snapshot.result.snapshotId())
                    .contains("\"deploymentId\" : \"" + Pipeline.DEPLOYMENT + "\"");
        }
    }

    /** Stock gpg decrypts (and checks the signature of) one stored object file. */
    private static byte[] decrypt(Gpg gpg, Path object) throws Exception {
        Path out = gpg.home().resolve(object.getFileName() + ".out");
        Gpg.Result result = gpg.run("--output", out.toString(), "--decrypt", object.toString());
        assertThat(result.exitCode()).as("gpg --decrypt " + object + ": " + result.stderr()).isZero();
        return Files.readAllBytes(out);
    }

    private static byte[] concatenate(Path root) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                all.write(Files.readAllBytes(p));
            }
        }
        return all.toByteArray();
    }
}
