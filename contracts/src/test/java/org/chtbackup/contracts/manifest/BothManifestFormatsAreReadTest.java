package org.chtbackup.contracts.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Format 2 (head + body chunks) reads back to the same manifest; format 1 objects of earlier builds still read. */
class BothManifestFormatsAreReadTest {

    private final Map<String, byte[]> chunks = new HashMap<>();

    @Test
    void formatTwoReassemblesTheBodyFromItsChunks() {
        Manifest manifest = manifest(Manifest.FORMAT_2, 500);
        byte[] body = ManifestCodec.writeBody(manifest);
        List<String> ids = cut(body, 1000);
        assertThat(ids).hasSizeGreaterThan(10);
        byte[] head = ManifestCodec.writeHead(manifest, body, ids);
        assertThat(head.length).isLessThan(body.length / 5);
        assertThat(new String(head, StandardCharsets.UTF_8)).doesNotContain("couchdb/data/db-17.couch");

        Manifest read = ManifestCodec.read(head, chunks::get);

        assertThat(read).isEqualTo(manifest);
        assertThat(ManifestCodec.readHead(head).bodyChunks()).isEqualTo(ids);
    }

    @Test
    void formatOneObjectsOfEarlierBuildsStillRead() {
        Manifest manifest = manifest(Manifest.FORMAT_1, 20);
        byte[] json = ManifestCodec.write(manifest);

        assertThat(ManifestCodec.read(json)).isEqualTo(manifest);
        assertThat(ManifestCodec.read(json, id -> {
            throw new AssertionError("format 1 needs no chunks");
        })).isEqualTo(manifest);
    }

    @Test
    void aWrongOrMissingBodyChunkIsRefusedNamingTheSnapshot() {
        Manifest manifest = manifest(Manifest.FORMAT_2, 100);
        byte[] body = ManifestCodec.writeBody(manifest);
        List<String> ids = cut(body, 500);
        byte[] head = ManifestCodec.writeHead(manifest, body, ids);
        chunks.put(ids.get(1), "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ManifestCodec.read(head, chunks::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s1")
                .hasMessageContaining("body chunk is wrong or missing");
        assertThatThrownBy(() -> ManifestCodec.read(head)).hasMessageContaining("format 2");
    }

    @Test
    void anUnknownFormatIsRefusedWithWhatToDo() {
        byte[] future = "{\"formatVersion\": 3}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManifestCodec.read(future, id -> null)).hasMessageContaining("newer cht-backup");
    }

    private List<String> cut(byte[] body, int size) {
        List<String> ids = new ArrayList<>();
        for (int at = 0; at < body.length; at += size) {
            byte[] chunk = Arrays.copyOfRange(body, at, Math.min(body.length, at + size));
            String id = String.format("%064x", ids.size() + 1);
            chunks.put(id, chunk);
            ids.add(id);
        }
        return ids;
    }

    private static Manifest manifest(int format, int files) {
        List<FileEntry> entries = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            entries.add(new FileEntry(Root.COUCHDB_DATA, "couchdb/data/db-" + i + ".couch", FileKind.DATABASE, 4096L * i,
                    0644, Instant.parse("2026-01-02T03:04:05Z"), HexFormat.of().formatHex(new byte[32]),
                    List.of(String.format("%064x", 1000 + i), String.format("%064x", 2000 + i))));
        }
        return new Manifest(format, "clinic-7", "s1", Instant.parse("2026-01-02T03:00:00Z"),
                new HostFacts("4.20.0", "3.4.2", "couchdb@127.0.0.1", "cht", false, "docker"), entries,
                new LiveStatistics(Instant.parse("2026-01-02T03:00:00Z"),
                        Map.of("medic", new LiveStatistics.DatabaseStatistics(10, 1, "10-abc"))), null);
    }
}
