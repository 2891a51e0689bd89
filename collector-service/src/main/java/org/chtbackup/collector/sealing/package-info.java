/**
 * Seals each chunk and manifest to the crypto service's public key and hands it to Kafka, so that no Kafka log
 * segment holds plaintext PHI (invariant 3). The associated data binds a payload to its deployment, snapshot
 * and object id.
 */
package org.chtbackup.collector.sealing;
