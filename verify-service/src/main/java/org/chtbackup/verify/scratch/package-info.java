/**
 * Scratch CouchDB instances for restore drills: boot CouchDB on a restored data directory under the source's
 * node name, answer over HTTP on loopback, and tear down. Which checks to run against it is left to the drill.
 */
package org.chtbackup.verify.scratch;
