/**
 * When snapshots start besides the HTTP trigger: on a cron schedule per deployment, and once from the command
 * line ({@code snapshot --once}). Both go through {@code SnapshotTrigger}; taking the snapshot is left to it.
 */
package org.chtbackup.collector.schedule;
