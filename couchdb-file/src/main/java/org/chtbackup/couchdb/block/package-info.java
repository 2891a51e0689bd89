/**
 * The physical layer of a CouchDB file: 4096-byte blocks whose first byte is a marker (0 data,
 * 1 header), and length-prefixed chunks with an optional MD5 or XXH3-128 checksum. Knows nothing
 * about what the bytes mean; reads with positional FileChannel reads, never the whole file.
 */
package org.chtbackup.couchdb.block;
