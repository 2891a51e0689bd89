package org.chtbackup.couchdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.btree.BtreeState;
import org.chtbackup.couchdb.header.HeaderLocator;
import org.chtbackup.couchdb.header.ViewHeader;

/**
 * A view index file's header: which index signature it holds, how far it has indexed, and its
 * btree sizes. In a 3.x data directory it sits at
 * {@code .shards/<range>/<db><suffix>_design/mrview/<signature>.view}; database and range come from there.
 *
 * @param database    database name from the path, null outside the .shards layout
 * @param shardSuffix the database shard suffix from the path, null outside the .shards layout
 */
public record ViewIndex(
        Path file, String signature, long updateSeq, long purgeSeq, long idBtreeSize, int views, String layout,
        long headerOffset, long fileSize, String database, String range, String shardSuffix, List<Problem> problems) {

    public static ViewIndex read(Path file) throws IOException {
        try (BlockFile blocks = BlockFile.open(file)) {
            HeaderLocator.Found<ViewHeader> found = HeaderLocator.findNewest(blocks, ViewHeader::parse);
            ViewHeader h = found.header();
            List<Problem> problems = new ArrayList<>();
            String name = file.getFileName().toString().replaceFirst("(\\.compact)?\\.view$", "");
            if (!name.equalsIgnoreCase(h.signature())) {
                problems.add(new Problem(file, found.offset(), "header holds signature " + h.signature()
                        + ", the file name says " + name));
            }
            String db = null;
            String range = null;
            String suffix = null;
            Path design = file.getParent() == null ? null : file.getParent().getParent();
            if (design != null && design.getFileName().toString().endsWith("_design")) {
                String base = design.getFileName().toString().replaceFirst("_design$", "");
                int dot = base.lastIndexOf('.');
                db = dot > 0 ? base.substring(0, dot) : base;
                suffix = dot > 0 ? base.substring(dot) : "";
                range = design.getParent() == null ? null : design.getParent().getFileName().toString();
            }
            BtreeState id = h.idBtree();
            return new ViewIndex(file, h.signature(), h.updateSeq(), h.purgeSeq(), id == null ? 0 : id.size(),
                    h.views().size(), h.layout(), found.offset(), blocks.size(), db, range, suffix, List.copyOf(problems));
        }
    }
}
