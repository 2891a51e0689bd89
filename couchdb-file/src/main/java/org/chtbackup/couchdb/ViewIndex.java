package org.chtbackup.couchdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.btree.BtreeState;
import org.chtbackup.couchdb.header.HeaderLocator;
import org.chtbackup.couchdb.header.ViewHeader;

/**
 * A view index file's header: which index signature it holds, how far it has indexed, and its
 * btree sizes. Database, range and suffix come from its path ({@link ViewPath}). An index with
 * nothing committed yet ({@link #built()} false: header {Sig, nil}, or a file still empty) or a 1.x
 * one is valid, never damage: CouchDB builds it from its database.
 *
 * @param database    database name from the path, null outside the known layouts
 * @param range       shard range from the path, null for 1.x and outside the known layouts
 * @param shardSuffix the database shard suffix from the path, empty for 1.x, null outside the known layouts
 * @param layout      one of the {@link ViewHeader} layout constants
 * @param headerOffset -1 for an empty file
 * @param lastCommit  the header in use and what follows it, null for an empty file
 */
public record ViewIndex(
        Path file, String signature, long updateSeq, long purgeSeq, long idBtreeSize, int views, String layout,
        long headerOffset, long fileSize, String database, String range, String shardSuffix, List<Problem> problems,
        LastCommit lastCommit) {

    /** The form before {@code lastCommit} was added. */
    public ViewIndex(Path file, String signature, long updateSeq, long purgeSeq, long idBtreeSize, int views,
            String layout, long headerOffset, long fileSize, String database, String range, String shardSuffix,
            List<Problem> problems) {
        this(file, signature, updateSeq, purgeSeq, idBtreeSize, views, layout, headerOffset, fileSize, database, range,
                shardSuffix, problems, null);
    }

    public static ViewIndex read(Path file) throws IOException {
        try (BlockFile blocks = BlockFile.open(file)) {
            String name = file.getFileName().toString().replaceFirst("(\\.compact)?\\.view$", "");
            ViewPath where = ViewPath.of(file);
            if (blocks.size() == 0) {
                // couch_file creates the file, then couch_mrview writes {Sig, nil}: a copy can land in between.
                return new ViewIndex(file, name.toLowerCase(Locale.ROOT), 0, 0, 0, 0, ViewHeader.NOT_BUILT, -1,
                        0, where.database(), where.range(), where.suffix(), List.of(), null);
            }
            HeaderLocator.Found<ViewHeader> found = HeaderLocator.findNewest(blocks, ViewHeader::parse);
            ViewHeader h = found.header();
            List<Problem> problems = new ArrayList<>();
            if (!name.equalsIgnoreCase(h.signature())) {
                problems.add(new Problem(file, found.offset(), "header holds signature " + h.signature()
                        + ", the file name says " + name));
            }
            BtreeState id = h.idBtree();
            return new ViewIndex(file, h.signature(), h.updateSeq(), h.purgeSeq(), id == null ? 0 : id.size(),
                    h.views().size(), h.layout(), found.offset(), blocks.size(), where.database(), where.range(),
                    where.suffix(), List.copyOf(problems),
                    new LastCommit(found.offset(), found.rejected(), blocks.size() - found.end()));
        }
    }

    /** False while the index holds only {Sig, nil}: opened, nothing committed yet (CouchDB is still building it). */
    public boolean built() {
        return !ViewHeader.NOT_BUILT.equals(layout);
    }

    /** The fallback to an older header, if any: not damage, but a report must show it. */
    public List<Problem> warnings() {
        return lastCommit == null ? List.of() : lastCommit.warnings(file);
    }
}
