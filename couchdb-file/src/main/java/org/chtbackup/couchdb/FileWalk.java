package org.chtbackup.couchdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.btree.BtreeReader;
import org.chtbackup.couchdb.btree.BtreeState;
import org.chtbackup.couchdb.btree.Counter;
import org.chtbackup.couchdb.btree.Damage;
import org.chtbackup.couchdb.btree.WalkResult;
import org.chtbackup.couchdb.doc.Attachment;
import org.chtbackup.couchdb.doc.DocReader;
import org.chtbackup.couchdb.doc.FullDocInfo;
import org.chtbackup.couchdb.doc.Json;
import org.chtbackup.couchdb.doc.Leaf;
import org.chtbackup.couchdb.header.DbHeader;
import org.chtbackup.couchdb.term.Terms;

/**
 * One full walk of a .couch file: every tree, and at {@link WalkDepth#BODIES} every stored body
 * and attachment. Besides each tree's own checks it cross-checks the trees: the id and seq trees
 * must list the same documents at the same sequences, none above the header's update_seq.
 */
final class FileWalk {

    private final BlockFile file;
    private final DbHeader header;
    private final BtreeReader btree;
    private final DocReader docs;
    private final WalkDepth depth;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Long> attachmentsSeen = new HashSet<>();
    private long idPairs;
    private long seqPairs;
    private long maxSeq;
    private long bodies;
    private long bodyBytes;
    private long attachments;
    private long attachmentBytes;

    FileWalk(BlockFile file, DbHeader header, WalkDepth depth) {
        this.file = file;
        this.header = header;
        this.btree = new BtreeReader(file);
        this.docs = new DocReader(file);
        this.depth = depth;
    }

    WalkCounts run() {
        WalkResult id = walk("id", header.idTree(), TreeCounters.ID, (node, k, v) -> idEntry(FullDocInfo.fromIdTree(k, v)));
        WalkResult seq = walk("seq", header.seqTree(), TreeCounters.COUNT, (node, k, v) -> {
            FullDocInfo info = FullDocInfo.fromSeqTree(k, v);
            seqPairs += pairHash(info.id(), info.seq());
            maxSeq = Math.max(maxSeq, info.seq());
        });
        WalkResult local = walk("local", header.localTree(), Counter.NONE, (node, k, v) -> localEntry(node, k, v));
        WalkResult purge = walk("purge", header.purgeTree(), TreeCounters.COUNT, (node, k, v) -> { });
        WalkResult purgeSeq = walk("purge seq", header.purgeSeqTree(), TreeCounters.COUNT, (node, k, v) -> { });

        long rootPtr = header.idTree() == null ? -1 : header.idTree().pointer();
        long seqEntries = seq.entries();
        long idEntries = id.entries();
        if (seqEntries != idEntries) {
            problems.add(new Problem(file.path(), rootPtr, "id tree has " + idEntries + " documents, seq tree "
                    + seqEntries + ": the trees disagree"));
        } else if (idPairs != seqPairs) {
            problems.add(new Problem(file.path(), rootPtr,
                    "id and seq trees list different documents or sequences"));
        }
        if (maxSeq > header.updateSeq()) {
            problems.add(new Problem(file.path(), -1, "seq tree holds seq " + maxSeq + " above the header's update_seq "
                    + header.updateSeq()));
        }
        if (purge.entries() != purgeSeq.entries()) {
            problems.add(new Problem(file.path(), -1, "purge tree has " + purge.entries() + " entries, purge seq tree "
                    + purgeSeq.entries()));
        }
        long[] claimed = id.claimed().length == 2 ? id.claimed() : new long[] {-1, -1};
        return new WalkCounts(id.counted()[0], id.counted()[1], claimed[0], claimed[1], seqEntries, local.entries(),
                purge.entries(), id.depth(), seq.depth(),
                id.nodes() + seq.nodes() + local.nodes() + purge.nodes() + purgeSeq.nodes(),
                bodies, bodyBytes, attachments, attachmentBytes, depth, List.copyOf(problems));
    }

    private WalkResult walk(String name, BtreeState root, Counter counter, BtreeReader.Visitor visitor) {
        WalkResult r = btree.walk(root, counter, visitor);
        for (Damage d : r.damages()) {
            problems.add(new Problem(file.path(), d.offset(), name + " tree: " + d.message()));
        }
        if (r.claimed().length > 0 && !Arrays.equals(r.claimed(), r.counted())) {
            problems.add(new Problem(file.path(), root.pointer(), name + " tree root reduction claims "
                    + Arrays.toString(r.claimed()) + " but a walk counts " + Arrays.toString(r.counted())));
        }
        return r;
    }

    private void idEntry(FullDocInfo info) {
        idPairs += pairHash(info.id(), info.seq());
        Leaf winner = info.winner();
        if (winner != null && winner.deleted() != info.deleted()) {
            problems.add(new Problem(file.path(), winner.pointer(), "document '" + info.id()
                    + "': deleted flag disagrees with its winning revision " + winner.rev()));
        }
        if (depth != WalkDepth.BODIES) {
            return;
        }
        for (Leaf leaf : info.leaves()) {
            if (!leaf.hasBody()) {
                continue;
            }
            try {
                DocReader.Summary s = docs.readSummary(leaf.pointer());
                Json.write(s.body());
                bodies++;
                bodyBytes += s.storedBytes();
                for (Attachment att : s.attachments()) {
                    checkAttachment(info.id(), att);
                }
            } catch (CouchFormatException e) {
                problems.add(new Problem(file.path(), e.offset(), "document '" + info.id() + "' revision " + leaf.rev()
                        + ": " + e.reason()));
            } catch (RuntimeException e) {
                problems.add(new Problem(file.path(), leaf.pointer(), "document '" + info.id() + "' revision "
                        + leaf.rev() + ": " + e.getMessage()));
            }
        }
    }

    private void checkAttachment(String docId, Attachment att) {
        // Revisions share unchanged attachments; check each stream once.
        Long first = att.chunks().isEmpty() ? -1L - attachmentsSeen.size() : att.chunks().get(0);
        if (!attachmentsSeen.add(first)) {
            return;
        }
        try {
            docs.copyAttachment(att, OutputStream.nullOutputStream());
            attachments++;
            attachmentBytes += att.length();
        } catch (CouchFormatException e) {
            problems.add(new Problem(file.path(), e.offset(), "document '" + docId + "': " + e.reason()));
        } catch (IOException e) {
            problems.add(new Problem(file.path(), first, "document '" + docId + "' attachment '" + att.name() + "': "
                    + e.getMessage()));
        }
    }

    private void localEntry(long node, com.ericsson.otp.erlang.OtpErlangObject key,
            com.ericsson.otp.erlang.OtpErlangObject value) {
        if (depth != WalkDepth.BODIES) {
            return;
        }
        String id = Terms.utf8(key, "local doc id");
        try {
            docs.readLocal(id, value, node);
        } catch (CouchFormatException e) {
            problems.add(new Problem(file.path(), e.offset(), e.reason()));
        }
    }

    /** Order-independent fingerprint of (id, seq) pairs: the sum of a 64-bit mix of each. */
    private static long pairHash(String id, long seq) {
        long h = 0x9E3779B97F4A7C15L * (seq + 1);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
