package org.chtbackup.couchdb.btree;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.block.Chunk;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.term.TermDecoder;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * Reads couch_btree trees. Nodes carry no checksum on disk (couch_btree writes them with
 * append_binaries), so a walk checks what the structure itself promises instead: keys strictly
 * ascending, each kp_node key equal to its child's last key, each stored reduction equal to what
 * its subtree recounts to.
 */
public final class BtreeReader {

    private final BlockFile file;

    public BtreeReader(BlockFile file) {
        this.file = file;
    }

    /** Receives every leaf entry a walk reaches, with the offset of the kv_node holding it. */
    @FunctionalInterface
    public interface Visitor {
        void visit(long nodeOffset, OtpErlangObject key, OtpErlangObject value);
    }

    public Node readNode(long pointer) throws CouchFormatException {
        Chunk chunk = file.readChunk(pointer);
        try {
            OtpErlangTuple t = Terms.tuple(TermDecoder.decode(chunk.data()), 2, "btree node");
            boolean leaf;
            if (Terms.isAtom(t.elementAt(0), "kv_node")) {
                leaf = true;
            } else if (Terms.isAtom(t.elementAt(0), "kp_node")) {
                leaf = false;
            } else {
                throw new TermException("btree node: neither kp_node nor kv_node");
            }
            List<OtpErlangObject> items = Terms.list(t.elementAt(1), "btree node entries");
            List<Node.Entry> entries = new ArrayList<>(items.size());
            for (OtpErlangObject item : items) {
                OtpErlangTuple kv = Terms.tuple(item, 2, "btree node entry");
                entries.add(new Node.Entry(kv.elementAt(0), kv.elementAt(1)));
            }
            return new Node(pointer, leaf, entries);
        } catch (TermException e) {
            throw new CouchFormatException(file.path(), pointer, "unreadable btree node: " + e.getMessage(), e);
        }
    }

    /** Visits every leaf entry in key order; damage is recorded and its subtree skipped, never thrown. */
    public WalkResult walk(BtreeState root, Counter counter, Visitor visitor) {
        Walk w = new Walk(counter, visitor);
        if (root == null) {
            return new WalkResult(new long[counter.width()], new long[0], 0, 0, 0, List.of());
        }
        long[] claimed;
        try {
            claimed = counter.ofReduction(root.reduction());
        } catch (TermException e) {
            w.damage(root.pointer(), "root reduction: " + e.getMessage());
            claimed = new long[0];
        }
        long[] counted = w.node(root.pointer(), 1, null, null);
        if (counted == null) {
            counted = new long[counter.width()];
        }
        return new WalkResult(counted, claimed, w.entries, w.nodes, w.depth, List.copyOf(w.damages));
    }

    /** The value stored under {@code key}, or null when the tree holds no such key. */
    public OtpErlangObject lookup(BtreeState root, OtpErlangObject key) throws CouchFormatException {
        if (root == null) {
            return null;
        }
        long pointer = root.pointer();
        for (int guard = 0; guard < 64; guard++) {
            Node node = readNode(pointer);
            Node.Entry hit = null;
            for (Node.Entry e : node.entries()) {
                int c = TermOrder.INSTANCE.compare(e.key(), key);
                if (node.leaf() ? c == 0 : c >= 0) {
                    hit = e;
                    break;
                }
            }
            if (hit == null) {
                return null;
            }
            if (node.leaf()) {
                return hit.value();
            }
            try {
                pointer = BtreeState.parse(hit.value(), "kp_node child").pointer();
            } catch (TermException e) {
                throw new CouchFormatException(file.path(), node.offset(), "unreadable kp_node entry: " + e.getMessage(), e);
            }
        }
        throw new CouchFormatException(file.path(), root.pointer(), "btree deeper than 64 levels: a pointer cycle");
    }

    /** State of one walk. */
    private final class Walk {
        final Counter counter;
        final Visitor visitor;
        final List<Damage> damages = new ArrayList<>();
        long entries;
        long nodes;
        int depth;

        Walk(Counter counter, Visitor visitor) {
            this.counter = counter;
            this.visitor = visitor;
        }

        void damage(long offset, String message) {
            damages.add(new Damage(offset, message));
        }

        /** Walks a subtree; returns its recount, or null when its root node is unreadable. */
        long[] node(long pointer, int level, OtpErlangObject parentKey, OtpErlangObject lowerBound) {
            if (level > 64) {
                damage(pointer, "btree deeper than 64 levels: a pointer cycle");
                return null;
            }
            Node node;
            try {
                node = readNode(pointer);
            } catch (CouchFormatException e) {
                damage(pointer, e.reason());
                return null;
            }
            nodes++;
            checkKeys(node, parentKey, lowerBound);
            long[] sum = new long[counter.width()];
            if (node.leaf()) {
                depth = Math.max(depth, level);
                for (int i = 0; i < node.entries().size(); i++) {
                    Node.Entry e = node.entries().get(i);
                    try {
                        add(sum, counter.ofEntry(e.key(), e.value()));
                        entries++;
                        visitor.visit(pointer, e.key(), e.value());
                    } catch (TermException ex) {
                        damage(pointer, "kv_node entry " + i + ": " + ex.getMessage());
                    }
                }
                return sum;
            }
            OtpErlangObject previous = lowerBound;
            for (Node.Entry e : node.entries()) {
                BtreeState child;
                long[] claimed;
                try {
                    child = BtreeState.parse(e.value(), "kp_node child");
                    claimed = counter.ofReduction(child.reduction());
                } catch (TermException ex) {
                    damage(pointer, "kp_node entry: " + ex.getMessage());
                    previous = e.key();
                    continue;
                }
                long[] counted = node(child.pointer(), level + 1, e.key(), previous);
                if (counted != null) {
                    if (!Arrays.equals(counted, claimed)) {
                        damage(child.pointer(), "node's subtree holds " + Arrays.toString(counted)
                                + " but the parent at " + pointer + " claims " + Arrays.toString(claimed));
                    }
                    add(sum, counted);
                }
                previous = e.key();
            }
            return sum;
        }

        private void checkKeys(Node node, OtpErlangObject parentKey, OtpErlangObject lowerBound) {
            List<Node.Entry> es = node.entries();
            if (es.isEmpty()) {
                damage(node.offset(), "empty btree node");
                return;
            }
            OtpErlangObject prev = lowerBound;
            for (int i = 0; i < es.size(); i++) {
                OtpErlangObject k = es.get(i).key();
                if (prev != null && TermOrder.INSTANCE.compare(prev, k) >= 0) {
                    damage(node.offset(), "keys out of order at entry " + i);
                    break;
                }
                prev = k;
            }
            if (parentKey != null && TermOrder.INSTANCE.compare(es.get(es.size() - 1).key(), parentKey) != 0) {
                damage(node.offset(), "last key differs from the key the parent node holds for it");
            }
        }

        private void add(long[] sum, long[] more) {
            for (int i = 0; i < sum.length && i < more.length; i++) {
                sum[i] += more[i];
            }
        }
    }
}
