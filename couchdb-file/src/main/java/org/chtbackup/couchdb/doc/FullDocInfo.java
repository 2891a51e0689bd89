package org.chtbackup.couchdb.doc;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * A document's entry in the id tree (key Id, value {Seq, Deleted, Sizes, RevTree}) or seq tree
 * (key Seq, value {Id, Deleted, Sizes, RevTree}); the pre-1.2 forms without Sizes are read too.
 * Leaves are sorted winner first, by couch_doc's rule: not deleted, then highest {Pos, RevId}.
 */
public record FullDocInfo(String id, long seq, boolean deleted, List<Leaf> leaves) {

    private static final Comparator<Leaf> WINNER_FIRST = Comparator
            .comparing((Leaf l) -> !l.deleted())
            .thenComparingLong(Leaf::pos)
            .thenComparing(Leaf::revId, Arrays::compareUnsigned)
            .reversed();

    public static FullDocInfo fromIdTree(OtpErlangObject key, OtpErlangObject value) {
        OtpErlangTuple v = Terms.tuple(value, "id tree value");
        if (v.arity() != 3 && v.arity() != 4) {
            throw new TermException("id tree value: expected {Seq, Deleted, [Sizes,] RevTree}");
        }
        return new FullDocInfo(Terms.utf8(key, "doc id"), Terms.longValue(v.elementAt(0), "doc seq"),
                flag(v.elementAt(1)), leaves(v.elementAt(v.arity() - 1)));
    }

    public static FullDocInfo fromSeqTree(OtpErlangObject key, OtpErlangObject value) {
        OtpErlangTuple v = Terms.tuple(value, "seq tree value");
        long seq = Terms.longValue(key, "seq tree key");
        String id = Terms.utf8(v.elementAt(0), "doc id");
        if (v.arity() == 3 && Terms.isList(v.elementAt(1))) {
            // 0.x/1.0 #doc_info{}: {Id, RevInfos, DeletedRevInfos}; no tree, compaction upgrades it.
            return new FullDocInfo(id, seq, Terms.list(v.elementAt(1), "rev infos").isEmpty(), List.of());
        }
        if (v.arity() != 3 && v.arity() != 4) {
            throw new TermException("seq tree value: expected {Id, Deleted, [Sizes,] RevTree}");
        }
        return new FullDocInfo(id, seq, flag(v.elementAt(1)), leaves(v.elementAt(v.arity() - 1)));
    }

    public Leaf winner() {
        return leaves.isEmpty() ? null : leaves.get(0);
    }

    /** Revisions of the other live leaves: what _conflicts lists. */
    public List<String> conflicts() {
        return leaves.stream().skip(1).filter(l -> !l.deleted()).map(Leaf::rev).toList();
    }

    public List<String> deletedConflicts() {
        return leaves.stream().skip(1).filter(Leaf::deleted).map(Leaf::rev).toList();
    }

    static boolean flag(OtpErlangObject o) {
        if (Terms.isLong(o)) {
            return Terms.longValue(o, "deleted flag") != 0;
        }
        return Terms.isAtom(o, "true");
    }

    /** The disk tree is [{Pos, {RevId, Value, Children}}]; only childless nodes are leaves. */
    static List<Leaf> leaves(OtpErlangObject diskTree) {
        List<Leaf> out = new ArrayList<>();
        for (OtpErlangObject root : Terms.list(diskTree, "revision tree")) {
            OtpErlangTuple r = Terms.tuple(root, 2, "revision tree root");
            collect(Terms.longValue(r.elementAt(0), "revision tree start"), r.elementAt(1), out, 0);
        }
        out.sort(WINNER_FIRST);
        return List.copyOf(out);
    }

    private static void collect(long pos, OtpErlangObject node, List<Leaf> out, int depth) {
        if (depth > 100_000) {
            throw new TermException("revision tree too deep");
        }
        OtpErlangTuple n = Terms.tuple(node, 3, "revision tree node");
        List<OtpErlangObject> children = Terms.list(n.elementAt(2), "revision tree children");
        if (children.isEmpty()) {
            out.add(leaf(pos, Terms.binary(n.elementAt(0), "rev id"), n.elementAt(1)));
            return;
        }
        for (OtpErlangObject child : children) {
            collect(pos + 1, child, out, depth + 1);
        }
    }

    /** Leaf values: {Del, Ptr, Seq}, {Del, Ptr, Seq, Size}, {Del, Ptr, Seq, Sizes, Atts}, or [] (missing). */
    private static Leaf leaf(long pos, byte[] revId, OtpErlangObject value) {
        if (Terms.isList(value)) {
            return new Leaf(pos, revId, false, -1, -1);
        }
        OtpErlangTuple v = Terms.tuple(value, "revision leaf");
        if (v.arity() < 3) {
            throw new TermException("revision leaf: expected {Deleted, Pointer, Seq, ...}");
        }
        long ptr = Terms.isLong(v.elementAt(1)) ? Terms.longValue(v.elementAt(1), "body pointer") : -1;
        long seq = Terms.isLong(v.elementAt(2)) ? Terms.longValue(v.elementAt(2), "leaf seq") : -1;
        return new Leaf(pos, revId, flag(v.elementAt(0)), ptr, seq);
    }
}
