/**
 * The operator's command line: {@code inspect} a file or data directory (per-database counts,
 * versions, problems) and {@code export-doc} one document from a data directory as JSON.
 */
package org.chtbackup.couchdb.cli;
