/**
 * Restores a snapshot from one location into a directory: fetch and decrypt the manifest, then every pack (several
 * at once) or, for older snapshots, every chunk object, put each chunk where it belongs and check every file's
 * SHA-256. Needs nothing but the location and the private key
 * (invariant 4). Refuses manifest paths that escape the target.
 */
package org.chtbackup.verify.restore;
