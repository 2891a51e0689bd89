/**
 * Restores a snapshot from one location into a directory: fetch and decrypt the manifest, then every chunk,
 * reassemble every file and check its SHA-256. Needs nothing but the location and the private key
 * (invariant 4). Refuses manifest paths that escape the target.
 */
package org.chtbackup.verify.restore;
