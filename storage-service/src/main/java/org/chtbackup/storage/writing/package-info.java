/**
 * Writes each object to every location at once: chunks as they come; for a manifest, first a small index of the
 * chunks it names, then the manifest only once every one of those chunks is in that location (invariant 1).
 * What could not reach a location goes to that location's backlog; catching up is left to {@code backlog}.
 */
package org.chtbackup.storage.writing;
