package org.chtbackup.contracts.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.chtbackup.contracts.packs.ChunkLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restores read manifest heads and bodies with the streaming {@link ManifestJson}; the collector writes them with
 * data binding. Whatever the writer writes, the streaming reader must read to the same records data binding reads,
 * skip what it does not know as data binding does, and refuse what is malformed.
 */
class StreamedManifestReadsWhatTheMapperWritesTest {

    /** Reads as {@link ManifestCodec} read before it streamed: the reference. */
    private static final JsonMapper DATA_BINDING = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomManifestsReadAsDataBindingReadsThem(int seed) {
        Manifest manifest = randomManifest(new Random(seed));
        byte[] body = ManifestCodec.writeBody(manifest);
        List<String> bodyChunks = List.of(hex(new Random(seed + 100)), hex(new Random(seed + 200)));
        List<ChunkLocation> bodyAt = manifest.packed()
                ? List.of(new ChunkLocation(hex(new Random(seed + 300)), 0, 10),
                        new ChunkLocation(hex(new Random(seed + 300)), 10, body.length - 10))
                : List.of();
        byte[] head = ManifestCodec.writeHead(manifest, body, bodyChunks, bodyAt);

        assertThat(ManifestJson.head(head)).isEqualTo(DATA_BINDING.readValue(head, ManifestHead.class));
        assertThat(ManifestJson.body(body)).isEqualTo(DATA_BINDING.readValue(body, ManifestBody.class));
        assertThat(ManifestJson.formatVersion(head)).isEqualTo(manifest.formatVersion());
    }

    @Test
    void propertiesItDoesNotKnowAreSkippedAtEveryLevel() {
        byte[] json = """
                {"future": {"a": [1, {"b": null}], "c": "d"}, "formatVersion": 3, "deploymentId": "clinic-7",
                 "snapshotId": "s1", "createdAt": "2026-01-02T03:00:00Z", "extra": [[], {}],
                 "host": {"composeProject": "cht", "gpu": {"x": 1}, "clustered": true},
                 "liveBefore": {"readAt": "2026-01-02T03:00:00Z", "shards": 8,
                                "databases": {"medic": {"docCount": 5, "docDelCount": 1, "updateSeq": "5-a", "z": []}}},
                 "fileCount": 1, "totalBytes": 10, "bodyBytes": 20, "bodySha256": "00",
                 "bodyChunks": ["%1$s"], "bodyLocations": [{"packId": "%1$s", "offset": 0, "length": 20, "n": {}}],
                 "encryption": {"recipients": ["ABC"]}}
                """.formatted("a".repeat(64)).getBytes(StandardCharsets.UTF_8);

        ManifestHead head = ManifestJson.head(json);

        assertThat(head).isEqualTo(DATA_BINDING.readValue(json, ManifestHead.class));
        assertThat(head.host().clustered()).isTrue();
        assertThat(head.liveBefore().databases().get("medic").docCount()).isEqualTo(5);
        assertThat(head.bodyLocations()).containsExactly(new ChunkLocation("a".repeat(64), 0, 20));
    }

    @Test
    void instantsAreReadAsIsoStringsOrEpochSeconds() {
        String entry = "{\"files\":[{\"root\":\"COUCHDB_DATA\",\"path\":\"a.couch\",\"kind\":\"DATABASE\",\"size\":1,"
                + "\"mode\":420,\"modified\":%s,\"sha256\":\"00\",\"chunks\":[]}]}";
        byte[] iso = entry.formatted("\"2026-01-02T03:04:05.123456789Z\"").getBytes(StandardCharsets.UTF_8);
        byte[] seconds = entry.formatted("1767323045.123456789").getBytes(StandardCharsets.UTF_8);

        Instant expected = Instant.parse("2026-01-02T03:04:05.123456789Z");
        assertThat(ManifestJson.body(iso).files().get(0).modified()).isEqualTo(expected);
        assertThat(ManifestJson.body(seconds).files().get(0).modified()).isEqualTo(expected)
                .isEqualTo(DATA_BINDING.readValue(seconds, ManifestBody.class).files().get(0).modified());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "",
            "[]",
            "{\"files\": {}}",
            "{\"files\": [{\"root\": \"NOWHERE\", \"path\": \"a\", \"kind\": \"DATABASE\", \"sha256\": \"00\"}]}",
            "{\"files\": [{\"root\": \"COUCHDB_DATA\", \"path\": \"a\", \"kind\": \"DATABASE\", \"sha256\": 7}]}",
            "{\"files\": [{\"root\": \"COUCHDB_DATA\", \"path\": \"a\", \"kind\": \"DATABASE\", \"sha256\": \"00\","
                    + " \"size\": \"big\"}]}",
            "{\"files\": [{\"root\": \"COUCHDB_DATA\", \"path\": \"a\", \"kind\": \"DATABASE\", \"sha256\": \"00\","
                    + " \"modified\": \"yesterday\"}]}",
            "{\"files\": [{\"root\": \"COUCHDB_DATA\", \"kind\": \"DATABASE\", \"sha256\": \"00\"}]}",
            "{\"files\": [null]}",
            "{\"files\": [], \"packs\": [{\"chunks\": []}]}",
            "{\"files\": [], \"packs\": [{\"id\": \"%s\", \"chunks\": [[\"c\", 1]]}]}",
            "{\"files\": [], \"packs\": [{\"id\": \"%s\", \"chunks\": [[\"c\", 1, 2, 3]]}]}",
            "{\"files\": [], \"packs\": [{\"id\": \"%s\", \"chunks\": [[\"c\", 1, 3000000000]]}]}",
            "{\"files\": []} {}",
            "{\"files\": [",
    })
    void malformedBodiesAreRefusedAsBadInput(String json) {
        byte[] bytes = json.formatted("a".repeat(64)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManifestJson.body(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadBodyIsNamedInTheError() {
        Manifest manifest = randomManifest(new Random(9));
        byte[] body = ManifestCodec.writeBody(manifest);
        byte[] broken = new String(body, StandardCharsets.UTF_8).replace("\"DATABASE\"", "\"TAPE\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(broken).isNotEqualTo(body);
        // A head that names the broken body (its length and SHA-256): only the body's content is wrong.
        byte[] head = ManifestCodec.writeHead(manifest, broken, List.of(hex(new Random(1))),
                manifest.packed() ? List.of(new ChunkLocation(hex(new Random(2)), 0, broken.length)) : List.of());

        assertThatThrownBy(() -> ManifestCodec.read(head, (id, where) -> broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("manifest body of " + manifest.snapshotId() + " is not valid: 'kind' is 'TAPE'");
        assertThatThrownBy(() -> ManifestJson.body(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kind' is 'TAPE'");
    }

    @Test
    void aManifestWithoutAnIntegerFormatIsNotOurs() {
        assertThat(ManifestJson.formatVersion("{\"formatVersion\": \"3\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ManifestJson.formatVersion("{\"a\": {\"formatVersion\": 3}}".getBytes(StandardCharsets.UTF_8)))
                .as("only the top level counts").isNull();
        assertThatThrownBy(() -> ManifestCodec.read("{\"formatVersion\": 3.5}".getBytes(StandardCharsets.UTF_8),
                (id, where) -> null)).hasMessageContaining("no integer formatVersion");
        assertThatThrownBy(() -> ManifestCodec.read("not json".getBytes(StandardCharsets.UTF_8), (id, where) -> null))
                .hasMessageContaining("not valid JSON");
    }

    /** Every field set, or null where a field may be, from the seed. */
    private static Manifest randomManifest(Random random) {
        int format = random.nextBoolean() ? Manifest.FORMAT_3 : Manifest.FORMAT_2;
        List<FileEntry> files = new ArrayList<>();
        Map<String, ChunkLocation> locations = new LinkedHashMap<>();
        Root[] roots = Root.values();
        FileKind[] kinds = FileKind.values();
        for (int f = 0; f < 1 + random.nextInt(40); f++) {
            List<String> chunks = new ArrayList<>();
            for (int c = 0; c < random.nextInt(30); c++) {
                String chunk = hex(random);
                chunks.add(chunk);
                locations.put(chunk, new ChunkLocation(hex(random), random.nextLong(1L << 40), random.nextInt(1 << 23)));
            }
            files.add(new FileEntry(roots[random.nextInt(roots.length)], "dir " + f + "/ünï \"q\"\\" + f + ".couch",
                    kinds[random.nextInt(kinds.length)], random.nextLong(1L << 45), random.nextInt(07777),
                    random.nextBoolean() ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000),
                            random.nextInt(1_000_000_000)),
                    hex(random), chunks));
        }
        LiveStatistics live = random.nextBoolean() ? null : new LiveStatistics(Instant.ofEpochMilli(random.nextLong(
                1L << 41)), Map.of("medic", new LiveStatistics.DatabaseStatistics(random.nextLong(1L << 40),
                random.nextInt(1000), random.nextInt(99) + "-g1AAAA"), "_users",
                new LiveStatistics.DatabaseStatistics(3, 0, null)));
        HostFacts host = random.nextBoolean() ? null : new HostFacts(random.nextBoolean() ? null : "4.20.0", "3.4.3",
                "couchdb@127.0.0.1", "cht", random.nextBoolean(), "docker");
        return new Manifest(format, "clinic-" + random.nextInt(100), "s" + random.nextInt(1000),
                Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)), host, files,
                live, random.nextBoolean() ? null : live, format == Manifest.FORMAT_3 ? locations : Map.of());
    }

    private static String hex(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
