package org.chtbackup.couchdb.btree;

import com.ericsson.otp.erlang.OtpErlangObject;
import java.util.List;

/** One decoded btree node: a kp_node (inner, values are child states) or a kv_node (leaf). */
public record Node(long offset, boolean leaf, List<Entry> entries) {

    /** A key and its value; in a kp_node the key is the last key of the child. */
    public record Entry(OtpErlangObject key, OtpErlangObject value) {}
}
