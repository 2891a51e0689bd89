/**
 * Read-only reader of CouchDB's own files. {@link org.chtbackup.couchdb.CouchFile} opens one
 * .couch file (header, counts, full walk, single documents); {@link org.chtbackup.couchdb.DataDirectory}
 * summarises a whole data directory per database across its shards. The layers below are one
 * package each: block, term, header, btree, doc, shardmap; cli is the operator's command line.
 */
package org.chtbackup.couchdb;
