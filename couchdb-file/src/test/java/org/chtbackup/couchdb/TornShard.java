package org.chtbackup.couchdb;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A real medic shard of the CouchDB 3.4.3 fixture, copied into a scratch data directory and then cut
 * the way a copy taken mid-write is: through its newest header, with bytes appended after the cut.
 */
public final class TornShard {

    /** Where the copy goes, relative to the scratch data directory. */
    public static final String PATH = "shards/6aaaaaa9-7ffffffd/medic.1795666429.couch";
    /** Bytes appended after the cut; 0x5a never reads as a header marker. */
    public static final int GARBAGE = 5000;

    /** update_seq and header offset of the intact shard, before the cut. */
    public record Before(long updateSeq, long headerOffset) {}

    private TornShard() {}

    /** Copies the shard into {@code dataDir}, cuts 30 bytes into its newest header and appends garbage. */
    public static Before make(Path dataDir) throws IOException {
        Path copy = dataDir.resolve(PATH);
        Files.createDirectories(copy.getParent());
        Files.copy(Fixtures.chtDataDir().resolve(PATH), copy);
        copy.toFile().setWritable(true);
        Before before;
        try (CouchFile db = CouchFile.open(copy)) {
            before = new Before(db.updateSeq(), db.headerOffset());
        }
        try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            raf.setLength(before.headerOffset() + 30);
            raf.seek(raf.length());
            byte[] garbage = new byte[GARBAGE];
            Arrays.fill(garbage, (byte) 0x5a);
            raf.write(garbage);
        }
        return before;
    }
}
