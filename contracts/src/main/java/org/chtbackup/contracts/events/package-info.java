/**
 * Versioned event records exchanged over Kafka, named as facts, and the one place that names topics.
 * A released version is frozen: new fields come with a new version and a default, noted in Javadoc.
 */
package org.chtbackup.contracts.events;
