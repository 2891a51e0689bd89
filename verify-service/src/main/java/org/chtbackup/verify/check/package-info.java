/**
 * The checks a drill runs on a restored snapshot after its bytes are proven: the offline check of every
 * {@code .couch} file, the bounds against the live statistics in the manifest, and the comparison with what a
 * scratch CouchDB answers. Booting that CouchDB and deciding the drill's result are left to the drill.
 */
package org.chtbackup.verify.check;
