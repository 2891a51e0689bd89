/**
 * The snapshot manifest: a self-describing list of every file, its chunks and the host facts, so that
 * one location plus the private key restores a snapshot with no other component running (invariant 4).
 */
package org.chtbackup.contracts.manifest;
