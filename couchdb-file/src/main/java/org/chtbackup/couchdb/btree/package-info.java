/**
 * couch_btree's on-disk nodes: {kp_node, [{Key, {Pointer, Reduction, Size}}]} inner nodes and
 * {kv_node, [{Key, Value}]} leaves. Walks and looks up any tree without knowing what its keys and
 * values mean, and checks what can be checked without that: key order and reductions of children.
 */
package org.chtbackup.couchdb.btree;
