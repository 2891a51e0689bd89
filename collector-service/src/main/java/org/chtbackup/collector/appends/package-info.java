/**
 * Append-aware reads: CouchDB's {@code .couch} and {@code .view} files only grow between compactions, so a file read
 * before is read again only from the start of its last chunk, after checking that its earlier bytes are still there.
 * What one read established ({@link org.chtbackup.collector.appends.FileRead}) and when a file must be read in full
 * ({@link org.chtbackup.collector.appends.ReadHistory}) live here; the reading itself is the snapshot's.
 */
package org.chtbackup.collector.appends;
