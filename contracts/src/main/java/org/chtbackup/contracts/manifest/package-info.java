/**
 * The snapshot manifest: a self-describing list of every file, its chunks and the host facts, so that
 * one location plus the private key restores a snapshot with no other component running (invariant 4).
 * Format 2 keeps the file list in ordinary chunks named by a small head; format 1 (one object) is still read.
 */
package org.chtbackup.contracts.manifest;
