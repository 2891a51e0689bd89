/**
 * Publishes how snapshots go (progress, completed, failed) on their Kafka topics, keyed by deployment. Leaves
 * alerting and the fleet view to whoever consumes them.
 */
package org.chtbackup.collector.reporting;
