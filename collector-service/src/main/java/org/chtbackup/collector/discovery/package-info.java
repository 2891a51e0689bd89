/**
 * Finds what to back up on a CHT host: reads the upgrade service's {@code .env} for the data and compose paths
 * and maps them under the host root the collector sees. Leaves reading files to the snapshot stage.
 */
package org.chtbackup.collector.discovery;
