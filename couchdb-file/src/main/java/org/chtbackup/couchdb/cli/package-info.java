/**
 * The operator's command line: {@code inspect} a file or data directory (per-database counts,
 * versions, warnings, problems) and {@code export-doc} one document from a data directory as JSON.
 * Exit 0 sound, 1 damage or not CouchDB data, 2 usage, 3 not found; every failure is one line.
 */
package org.chtbackup.couchdb.cli;
