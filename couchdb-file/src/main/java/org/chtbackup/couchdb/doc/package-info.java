/**
 * Documents as couch_bt_engine stores them: id/seq-tree entries (#full_doc_info{} with a revision
 * tree), checksummed {Body, Atts} summaries, attachment streams and _local docs; picks the winning
 * revision as couch_doc does and renders EJSON bodies as JSON.
 */
package org.chtbackup.couchdb.doc;
