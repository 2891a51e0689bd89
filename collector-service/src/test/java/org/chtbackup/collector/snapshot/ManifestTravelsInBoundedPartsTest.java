package org.chtbackup.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.chtbackup.collector.chunking.ChunkSizes;
import org.chtbackup.collector.discovery.ConfiguredPathsDiscovery;
import org.chtbackup.collector.packing.PackSettings;
import org.chtbackup.collector.sealing.MessageLimits;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.chtbackup.contracts.manifest.ManifestHead;
import org.chtbackup.contracts.packs.PackCompression;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With tiny chunks and packs and a small message limit, the fixture host's pack ids and file list are each larger
 * than one message: they go out as bounded PACK_LIST pieces and file-list chunks, after every pack is confirmed and
 * before a small manifest head.
 */
class ManifestTravelsInBoundedPartsTest {

    static final int LIMIT = 12 * 1024;

    @TempDir
    Path tmp;

    @Test
    void packIdsGoInBoundedPiecesAndTheFileListInChunksAfterEveryPackIsConfirmed() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(() -> new ConfiguredPathsDiscovery(host,
                Path.of("/home/ubuntu/cht/upgrade-service/.env"), Path.of("/nginx-private"), null, null).discover(),
                tmp.resolve("state"), sink, new ChunkSizes(1024, 4096, 16384),
                new PackSettings(4096, 1, PackCompression.Tuning.ZSTD), LIMIT);

        assertThat(collector.snapshot("s1").failure()).isNull();

        int perPiece = MessageLimits.packIdsPerPiece(LIMIT, TestCollector.DEPLOYMENT);
        List<RecordingSink.Part> pieces = sink.of("s1", PartKind.PACK_LIST);
        List<RecordingSink.Part> packs = sink.of("s1", PartKind.PACK);
        RecordingSink.Part head = sink.of("s1", PartKind.MANIFEST).get(0);
        Manifest manifest = sink.manifests().get(0);
        ManifestHead parsedHead = ManifestCodec.readHead(head.plaintext());
        assertThat(pieces).as("the pack list is over one message").hasSizeGreaterThanOrEqualTo(2);
        assertThat(pieces).allSatisfy(p -> assertThat(p.packIds()).hasSizeLessThanOrEqualTo(perPiece));
        assertThat(pieces).extracting(RecordingSink.Part::objectId).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, pieces.size())
                        .mapToObj(n -> ObjectLayout.chunkListId(head.objectId(), n)).toList());
        assertThat(head.packIds()).isEmpty();
        assertThat(head.listPieces()).isEqualTo(pieces.size());
        assertThat(sink.parts.indexOf(head)).as("the head is sent last").isEqualTo(sink.parts.size() - 1);
        int lastPack = sink.parts.indexOf(packs.get(packs.size() - 1));
        assertThat(sink.confirmedAt).as("every pack confirmed before the lists and head, and those confirmed too")
                .contains(lastPack + 1, sink.parts.size());
        assertThat(sink.parts.indexOf(pieces.get(0))).isGreaterThan(lastPack);

        Set<String> listed = new HashSet<>();
        pieces.forEach(p -> listed.addAll(p.packIds()));
        Set<String> named = new LinkedHashSet<>();
        manifest.locations().values().forEach(at -> named.add(at.packId()));
        parsedHead.bodyLocations().forEach(at -> named.add(at.packId()));
        assertThat(listed).as("the pieces list every pack of data and file-list chunks").isEqualTo(named);
        assertThat(packs).extracting(RecordingSink.Part::objectId).as("every pack a piece names was sent")
                .containsExactlyInAnyOrderElementsOf(listed);
        assertThat(packs).allSatisfy(p -> assertThat(p.plaintext().length).isLessThan(4096 + 20_000));

        int body = ManifestCodec.writeBody(manifest).length;
        assertThat(body).as("the file list alone is over one message").isGreaterThan(LIMIT);
        assertThat(parsedHead.bodyChunks()).hasSizeGreaterThan(1);
        assertThat(head.plaintext().length).isLessThan(LIMIT);
        assertThat(new String(head.plaintext(), StandardCharsets.UTF_8)).doesNotContain("\"files\"");
        assertThat(manifest.formatVersion()).isEqualTo(Manifest.FORMAT_3);
        assertThat(parsedHead.fileCount()).isEqualTo(manifest.files().size());
    }
}
