/**
 * Decides which files a snapshot copies and in what order: CouchDB view indexes first, then databases, then
 * everything else (invariant 5). Skips compaction leftovers and deleted databases. Reads no file contents.
 */
package org.chtbackup.collector.plan;
