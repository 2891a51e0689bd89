/**
 * Writes each object to every location: chunks as they come, a manifest only once every chunk it names is in
 * that location (invariant 1), then reports the snapshot stored there.
 */
package org.chtbackup.storage.writing;
