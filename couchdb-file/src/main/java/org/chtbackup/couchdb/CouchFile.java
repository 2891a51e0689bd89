package org.chtbackup.couchdb;

import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangObject;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.chtbackup.couchdb.block.BlockFile;
import org.chtbackup.couchdb.block.Checksum;
import org.chtbackup.couchdb.block.CouchFormatException;
import org.chtbackup.couchdb.btree.BtreeReader;
import org.chtbackup.couchdb.doc.Attachment;
import org.chtbackup.couchdb.doc.DocReader;
import org.chtbackup.couchdb.doc.Document;
import org.chtbackup.couchdb.doc.FullDocInfo;
import org.chtbackup.couchdb.header.DbHeader;
import org.chtbackup.couchdb.header.HeaderLocator;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * One .couch file, opened read-only at its newest valid header. Counts come from the id tree's
 * root reduction, as CouchDB reports them; {@link #walkCounts()} recounts them from every node and
 * body and lists each damage with its offset. Damaged data is reported, never returned.
 *
 * <pre>{@code
 * try (CouchFile db = CouchFile.open(Path.of("shards/00000000-7fffffff/medic.1795666429.couch"))) {
 *     long live = db.docCount();
 *     WalkCounts walk = db.walkCounts();   // walk.problems() empty for a good file
 * }
 * }</pre>
 */
public final class CouchFile implements Closeable {

    private final BlockFile file;
    private final HeaderLocator.Found<DbHeader> found;
    private final BtreeReader btree;
    private final DocReader docs;
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());

    private CouchFile(BlockFile file, HeaderLocator.Found<DbHeader> found) {
        this.file = file;
        this.found = found;
        this.btree = new BtreeReader(file);
        this.docs = new DocReader(file);
    }

    /** Opens the file at its newest valid header; fails with the path when it has none. */
    public static CouchFile open(Path path) throws IOException {
        BlockFile file = BlockFile.open(path);
        try {
            return new CouchFile(file, HeaderLocator.findNewest(file, DbHeader::parse));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public Path path() {
        return file.path();
    }

    public DbHeader header() {
        return found.header();
    }

    /** Offset of the header in use. */
    public long headerOffset() {
        return found.offset();
    }

    /** Newer header blocks that failed their checksum: normal for a file copied mid-write. */
    public int rejectedHeaders() {
        return found.rejected();
    }

    /** The header in use, the newer headers skipped and the bytes after it (none for a file CouchDB committed last). */
    public LastCommit lastCommit() {
        return new LastCommit(found.offset(), found.rejected(), file.size() - found.end());
    }

    /** Not damage, but worth showing: a fallback to an older header ({@link #lastCommit()}). */
    public List<Problem> warnings() {
        return lastCommit().warnings(path());
    }

    public Checksum headerChecksum() {
        return found.checksum();
    }

    public long fileSize() {
        return file.size();
    }

    public long updateSeq() {
        return header().updateSeq();
    }

    /** Live documents per the id tree's root reduction (what GET /db says), -1 when unreadable. */
    public long docCount() {
        return claimed()[0];
    }

    /** Deleted documents per the id tree's root reduction, -1 when unreadable. */
    public long docDelCount() {
        return claimed()[1];
    }

    private long[] claimed() {
        if (header().idTree() == null) {
            return new long[] {0, 0};
        }
        try {
            return TreeCounters.ID.ofReduction(header().idTree().reduction());
        } catch (TermException e) {
            addProblem(header().idTree().pointer(), "id tree root reduction: " + e.getMessage());
            return new long[] {-1, -1};
        }
    }

    /** Full walk reading every node, body and attachment. */
    public WalkCounts walkCounts() {
        return walkCounts(WalkDepth.BODIES);
    }

    public WalkCounts walkCounts(WalkDepth depth) {
        WalkCounts counts = new FileWalk(file, header(), depth).run();
        for (Problem p : counts.problems()) {
            if (!problems.contains(p)) {
                problems.add(p);
            }
        }
        return counts;
    }

    /** Every problem found so far by this instance (opening, lookups, walks). */
    public List<Problem> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /**
     * The document at its winning revision, a {@code _local/} one included; empty when the file has
     * no such id. Damage on the way throws (and is recorded in {@link #problems()}).
     */
    public Optional<Document> readDoc(String id) throws CouchFormatException {
        OtpErlangObject value = lookup(id);
        if (value == null) {
            return Optional.empty();
        }
        try {
            if (id.startsWith("_local/")) {
                return Optional.of(docs.readLocal(id, value, header().localTree().pointer()));
            }
            return Optional.of(docs.read(FullDocInfo.fromIdTree(idKey(id), value)));
        } catch (CouchFormatException e) {
            addProblem(e.offset(), e.reason());
            throw e;
        } catch (TermException e) {
            throw termDamage(id, e);
        }
    }

    /**
     * Whether the id tree (the local tree for a {@code _local/} id) holds {@code id}, without reading
     * its body: tells a document that is missing from one whose body is damaged. Damage in the tree throws.
     */
    public boolean hasDoc(String id) throws CouchFormatException {
        return lookup(id) != null;
    }

    private OtpErlangObject lookup(String id) throws CouchFormatException {
        try {
            return btree.lookup(id.startsWith("_local/") ? header().localTree() : header().idTree(), idKey(id));
        } catch (CouchFormatException e) {
            addProblem(e.offset(), e.reason());
            throw e;
        } catch (TermException e) {
            throw termDamage(id, e);
        }
    }

    private static OtpErlangObject idKey(String id) {
        return new OtpErlangBinary(id.getBytes(StandardCharsets.UTF_8));
    }

    private CouchFormatException termDamage(String id, TermException e) {
        long at = header().idTree() == null ? -1 : header().idTree().pointer();
        addProblem(at, "document '" + id + "': " + e.getMessage());
        return new CouchFormatException(path(), at, "document '" + id + "': " + e.getMessage(), e);
    }

    /** Every non-local document at its winning revision, in id order; unreadable ones are skipped and recorded. */
    public void forEachDoc(Consumer<Document> consumer) {
        btree.walk(header().idTree(), TreeCounters.ID, (node, k, v) -> {
            FullDocInfo info = FullDocInfo.fromIdTree(k, v);
            try {
                consumer.accept(docs.read(info));
            } catch (CouchFormatException e) {
                addProblem(e.offset(), "document '" + info.id() + "': " + e.reason());
            }
        }).damages().forEach(d -> addProblem(d.offset(), "id tree: " + d.message()));
    }

    /** The _local documents (checkpoints, sentinel state), in id order. */
    public List<Document> localDocs() {
        List<Document> out = new ArrayList<>();
        btree.walk(header().localTree(), org.chtbackup.couchdb.btree.Counter.NONE, (node, k, v) -> {
            try {
                out.add(docs.readLocal(Terms.utf8(k, "local doc id"), v, node));
            } catch (CouchFormatException e) {
                addProblem(e.offset(), e.reason());
            }
        }).damages().forEach(d -> addProblem(d.offset(), "local tree: " + d.message()));
        return out;
    }

    /** Streams an attachment's stored bytes (gzip-encoded ones stay encoded); checks length and digest. */
    public void copyAttachment(Attachment attachment, OutputStream out) throws IOException {
        docs.copyAttachment(attachment, out);
    }

    public byte[] readAttachment(Attachment attachment) throws IOException {
        return docs.readAttachment(attachment);
    }

    private void addProblem(long offset, String message) {
        Problem p = new Problem(path(), offset, message);
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
