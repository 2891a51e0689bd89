package org.chtbackup.couchdb.header;

import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.util.ArrayList;
import java.util.List;
import org.chtbackup.couchdb.btree.BtreeState;
import org.chtbackup.couchdb.term.TermException;
import org.chtbackup.couchdb.term.Terms;

/**
 * A .couch file's #db_header{}, upgraded to the latest (disk version 8) layout as
 * couch_bt_engine_header:upgrade/1 does, but keeping the version found on disk.
 *
 * @param diskVersion   version as written (6: CouchDB 1.x/2.x before clustered purge, 7: before
 *                      partitions, 8: 3.x)
 * @param tupleArity    size of the header tuple on disk (14 for v6, 16 for v7/v8)
 * @param purgeTree     v7+: purge requests by uuid; null when empty or v6
 * @param purgeSeqTree  v7+: purge requests by purge seq; null when empty or v6
 * @param legacyPurgeSeq v6 and older: the purge_seq kept in the header itself, else -1
 * @param legacyPurgedDocsPtr v6 and older: pointer to the last purge's {Id, Revs} list, else -1
 * @param securityPtr   pointer to the security object, -1 when unset
 * @param uuid          the database file's uuid, null when the file predates uuids
 * @param epochs        node ownership history, newest first; empty when the file predates epochs
 * @param propsPtr      pointer to db properties (e.g. partitioned), -1 when unset
 * @param timeSeqPtr    pointer to the time-seq index (3.5+), -1 when unset
 */
public record DbHeader(
        int diskVersion,
        int tupleArity,
        long updateSeq,
        BtreeState idTree,
        BtreeState seqTree,
        BtreeState localTree,
        BtreeState purgeTree,
        BtreeState purgeSeqTree,
        long legacyPurgeSeq,
        long legacyPurgedDocsPtr,
        long securityPtr,
        long revsLimit,
        String uuid,
        List<Epoch> epochs,
        long compactedSeq,
        long purgeInfosLimit,
        long propsPtr,
        long timeSeqPtr) {

    public static final int LATEST_DISK_VERSION = 8;
    private static final int RECORD_SIZE = 16;

    /** One entry of the epochs list: this node owned the shard from this update_seq on. */
    public record Epoch(String node, long seq) {}

    /** Parses the header term; throws {@link TermException} for anything CouchDB itself would refuse. */
    public static DbHeader parse(OtpErlangObject term) {
        OtpErlangTuple t = Terms.tuple(term, "db header");
        if (t.arity() < 3 || !Terms.isAtom(t.elementAt(0), "db_header")) {
            throw new TermException("db header: not a db_header record");
        }
        int version = (int) Terms.longValue(t.elementAt(1), "disk_version");
        if (version < 4) {
            throw new TermException("disk version " + version + ": files older than CouchDB 0.10 are unsupported");
        }
        if (version > LATEST_DISK_VERSION) {
            throw new TermException("disk version " + version + " is newer than this reader knows");
        }
        OtpErlangObject[] f = new OtpErlangObject[RECORD_SIZE];
        for (int i = 0; i < Math.min(t.arity(), RECORD_SIZE); i++) {
            f[i] = t.elementAt(i);
        }
        // v6 kept purge_seq (an integer) and a pointer to the purged docs where v7 has two trees.
        boolean legacyPurge = Terms.isLong(f[7]);
        long timeSeq = ptr(f[3]);
        return new DbHeader(
                version,
                t.arity(),
                Terms.longValue(f[2], "update_seq"),
                BtreeState.parse(f[4], "id_tree_state"),
                BtreeState.parse(f[5], "seq_tree_state"),
                BtreeState.parse(f[6], "local_tree_state"),
                legacyPurge ? null : BtreeState.parse(f[7], "purge_tree_state"),
                legacyPurge ? null : BtreeState.parse(f[8], "purge_seq_tree_state"),
                legacyPurge ? Terms.longValue(f[7], "purge_seq") : -1,
                legacyPurge ? ptr(f[8]) : -1,
                version == 4 ? -1 : ptr(f[9]),
                Terms.isLong(f[10]) ? Terms.longValue(f[10], "revs_limit") : 1000,
                Terms.isUnset(f[11]) ? null : Terms.text(f[11], "uuid"),
                epochs(f[12]),
                Terms.isUnset(f[13]) ? 0 : Terms.longValue(f[13], "compacted_seq"),
                Terms.isUnset(f[14]) ? 1000 : Terms.longValue(f[14], "purge_infos_limit"),
                ptr(f[15]),
                timeSeq == 0 ? -1 : timeSeq);
    }

    /** Pointers are integers; nil, undefined and absent all mean "none". */
    private static long ptr(OtpErlangObject o) {
        return Terms.isLong(o) ? Terms.longValue(o, "pointer") : -1;
    }

    private static List<Epoch> epochs(OtpErlangObject o) {
        List<Epoch> out = new ArrayList<>();
        if (Terms.isUnset(o)) {
            return out;
        }
        for (OtpErlangObject e : Terms.list(o, "epochs")) {
            OtpErlangTuple pair = Terms.tuple(e, 2, "epoch");
            out.add(new Epoch(Terms.text(pair.elementAt(0), "epoch node"), Terms.longValue(pair.elementAt(1), "epoch seq")));
        }
        return List.copyOf(out);
    }
}
