/**
 * The durable per-location backlog: objects that could not reach a location are queued on Kafka
 * ({@code cht-backup.storage-backlog}, keyed by location) and re-put by that location's own catch-up consumer
 * once its breaker lets calls through. Deciding what to queue is left to {@code writing}.
 */
package org.chtbackup.storage.backlog;
