/**
 * Benchmarks, run by hand (not tests): how much a second snapshot sends after CouchDB-style appends, and how
 * much heap a snapshot of 1 GiB needs. Results are reported in docs/collector.md.
 */
package org.chtbackup.collector.bench;
