/**
 * Remembers, in a local crash-safe file, which chunks storage confirmed in every required location, so the
 * next snapshot sends only new chunks. Learns it from {@code SnapshotStored} events, and
 * forgets the chunks of packs prune releases ({@code PacksReleased}). A lost or damaged index
 * only costs re-sending: storage still refuses a manifest whose chunks a location lacks.
 */
package org.chtbackup.collector.dedup;
