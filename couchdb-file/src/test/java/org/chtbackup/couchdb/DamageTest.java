package org.chtbackup.couchdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.btree.BtreeReader;
import org.chtbackup.couchdb.btree.Node;
import org.chtbackup.couchdb.doc.FullDocInfo;
import org.chtbackup.couchdb.doc.Leaf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged temp copies of real files: fall back, or report with an offset; never hand back bad data. */
class DamageTest {

    @TempDir
    Path tmp;

    @Test
    void truncatedFileFallsBackToThePreviousHeader() throws IOException {
        Path copy = copy("db_v7_without_purge_req.couch");
        long newest;
        try (CouchFile db = CouchFile.open(copy)) {
            newest = db.headerOffset();
        }
        // Cut through the newest header, as a copy taken mid-write would.
        try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            raf.setLength(newest + 30);
        }
        try (CouchFile db = CouchFile.open(copy)) {
            assertThat(db.headerOffset()).isLessThan(newest);
            assertThat(db.rejectedHeaders()).isEqualTo(1);
            assertThat(db.walkCounts().problems()).isEmpty();
        }
    }

    @Test
    void flippedByteInABodyIsReportedWithItsOffset() throws IOException {
        Path copy = copy("db321.couch");
        Leaf leaf = firstLeaf(copy);
        long at = leaf.pointer() + 4 + 16 + 3;
        flip(copy, at % BlockFile.BLOCK_SIZE == 0 ? at + 1 : at);
        try (CouchFile db = CouchFile.open(copy)) {
            WalkCounts walk = db.walkCounts();
            assertThat(walk.problems()).anySatisfy(p -> {
                assertThat(p.offset()).isEqualTo(leaf.pointer());
                assertThat(p.message()).contains("checksum");
            });
            String id = firstId(copy);
            assertThatThrownBy(() -> db.readDoc(id)).isInstanceOf(CouchFormatException.class)
                    .satisfies(e -> assertThat(((CouchFormatException) e).offset()).isEqualTo(leaf.pointer()));
        }
    }

    @Test
    void flippedByteInANodeIsReportedWithItsOffset() throws IOException {
        Path copy = copy("db321.couch");
        long root;
        try (CouchFile db = CouchFile.open(copy)) {
            root = db.header().idTree().pointer();
        }
        flip(copy, root + 4 + 8);
        try (CouchFile db = CouchFile.open(copy)) {
            WalkCounts walk = db.walkCounts();
            assertThat(walk.problems()).isNotEmpty().anySatisfy(p -> assertThat(p.offset()).isEqualTo(root));
        }
    }

    @Test
    void xxh3ChecksumsAreAcceptedLikeMd5() throws Exception {
        Path copy = copy("db321.couch");
        Leaf leaf = firstLeaf(copy);
        // Re-sign one body with XXH3-128 the way CouchDB 3.5 writes it.
        byte[] payload;
        try (BlockFile f = BlockFile.open(copy)) {
            payload = f.readChunk(leaf.pointer()).data();
        }
        var h = com.dynatrace.hash4j.hashing.Hashing.xxh3_128().hashBytesTo128Bits(payload);
        byte[] sum = java.nio.ByteBuffer.allocate(16).putLong(h.getMostSignificantBits()).putLong(h.getLeastSignificantBits()).array();
        assertThat((leaf.pointer() + 4) / BlockFile.BLOCK_SIZE).isEqualTo((leaf.pointer() + 20) / BlockFile.BLOCK_SIZE);
        try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            raf.seek(leaf.pointer() + 4);
            raf.write(sum);
        }
        try (CouchFile db = CouchFile.open(copy)) {
            assertThat(db.walkCounts().problems()).isEmpty();
            assertThat(db.readDoc(firstId(copy))).isPresent();
        }
    }

    private Path copy(String fixture) throws IOException {
        Path copy = tmp.resolve(fixture);
        Files.copy(Fixtures.couchdb(fixture), copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setWritable(true);
        return copy;
    }

    private static Node idRoot(Path file) throws IOException {
        try (CouchFile db = CouchFile.open(file); BlockFile f = BlockFile.open(file)) {
            return new BtreeReader(f).readNode(db.header().idTree().pointer());
        }
    }

    private static Leaf firstLeaf(Path file) throws IOException {
        Node.Entry e = idRoot(file).entries().get(idRoot(file).entries().size() - 1);
        return FullDocInfo.fromIdTree(e.key(), e.value()).winner();
    }

    private static String firstId(Path file) throws IOException {
        Node.Entry e = idRoot(file).entries().get(idRoot(file).entries().size() - 1);
        return FullDocInfo.fromIdTree(e.key(), e.value()).id();
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5a);
        }
    }
}
