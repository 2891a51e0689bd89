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
import org.chtbackup.collector.sealing.MessageLimits;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.manifest.Manifest;
import org.chtbackup.contracts.manifest.ManifestCodec;
import org.chtbackup.contracts.manifest.ManifestHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.chtbackup.contracts.testing.SharedFixtures;

/**
 * With tiny chunks and a small message limit, the fixture host's chunk ids and file list are each larger than one
 * message: they go out as bounded CHUNK_LIST pieces and file-list chunks, before a small manifest head.
 */
class ManifestTravelsInBoundedPartsTest {

    @TempDir
    Path tmp;

    @Test
    void chunkIdsGoInBoundedPiecesAndTheFileListInChunksBeforeASmallHead() throws Exception {
        Path host = SharedFixtures.chtHostCopy(tmp.resolve("host"));
        RecordingSink sink = new RecordingSink();
        TestCollector collector = new TestCollector(() -> new ConfiguredPathsDiscovery(host,
                Path.of("/home/ubuntu/cht/upgrade-service/.env"), Path.of("/nginx-private"), null, null).discover(),
                tmp.resolve("state"), sink, new ChunkSizes(256, 1024, 4096));

        assertThat(collector.snapshot("s1").failure()).isNull();

        int perPiece = MessageLimits.chunkIdsPerPiece(TestCollector.MAX_MESSAGE_BYTES, TestCollector.DEPLOYMENT);
        List<RecordingSink.Part> pieces = sink.of("s1", PartKind.CHUNK_LIST);
        RecordingSink.Part head = sink.of("s1", PartKind.MANIFEST).get(0);
        Manifest manifest = sink.manifests().get(0);
        ManifestHead parsedHead = ManifestCodec.readHead(head.plaintext());
        assertThat(pieces).as("the chunk list is over one message").hasSizeGreaterThan(2);
        assertThat(pieces).allSatisfy(p -> assertThat(p.chunkIds()).hasSizeLessThanOrEqualTo(perPiece));
        assertThat(pieces).extracting(RecordingSink.Part::objectId).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, pieces.size())
                        .mapToObj(n -> ObjectLayout.chunkListId(manifestId(head), n)).toList());
        assertThat(head.chunkIds()).isEmpty();
        assertThat(head.chunkListPieces()).isEqualTo(pieces.size());
        assertThat(sink.parts.indexOf(head)).as("the head is sent last").isEqualTo(sink.parts.size() - 1);

        Set<String> listed = new HashSet<>();
        pieces.forEach(p -> listed.addAll(p.chunkIds()));
        Set<String> named = new LinkedHashSet<>(manifest.chunkIds());
        named.addAll(parsedHead.bodyChunks());
        assertThat(listed).as("the pieces list every data chunk and file-list chunk").isEqualTo(named);
        Set<String> sent = new HashSet<>();
        sink.chunks("s1").forEach(p -> sent.add(p.objectId()));
        assertThat(sent).as("every chunk a piece names was sent").containsAll(listed);

        int body = ManifestCodec.writeBody(manifest).length;
        assertThat(body).as("the file list alone is over one message").isGreaterThan(TestCollector.MAX_MESSAGE_BYTES);
        assertThat(parsedHead.bodyChunks()).hasSizeGreaterThan(1);
        assertThat(head.plaintext().length).isLessThan(TestCollector.MAX_MESSAGE_BYTES);
        assertThat(new String(head.plaintext(), StandardCharsets.UTF_8)).doesNotContain("\"files\"");
        assertThat(manifest.formatVersion()).isEqualTo(Manifest.FORMAT_2);
        assertThat(parsedHead.fileCount()).isEqualTo(manifest.files().size());
    }

    private static String manifestId(RecordingSink.Part head) {
        return head.objectId();
    }
}
