/**
 * What storage reports about itself: the latest state of each snapshot in each location, as sent on Kafka, kept
 * in memory for the status endpoint. The events themselves are the durable record; this is a view of them.
 */
package org.chtbackup.storage.status;
