/**
 * Reads what CouchDB itself says over HTTP: version, node name and, per database, doc_count, doc_del_count
 * and update_seq, just before and just after the copy (DESIGN §4). Leaves comparing them to verify.
 */
package org.chtbackup.collector.livestats;
