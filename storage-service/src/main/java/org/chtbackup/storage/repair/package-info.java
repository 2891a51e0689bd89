/**
 * Self-healing: for one snapshot, compares every object it needs (its chunks from the index, the index, the
 * manifest) across all locations by size and SHA-256, and copies missing or corrupt copies from the copies the
 * other locations agree on. It never decrypts; deciding when to repair is left to callers (HTTP, failed drills).
 */
package org.chtbackup.storage.repair;
