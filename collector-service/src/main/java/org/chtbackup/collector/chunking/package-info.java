/**
 * Splits file content into content-defined chunks (FastCDC) and names each by a keyed hash, so CouchDB's
 * append-only files dedup from one snapshot to the next without revealing anything about the plaintext.
 */
package org.chtbackup.collector.chunking;
