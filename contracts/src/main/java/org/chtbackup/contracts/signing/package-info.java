/**
 * Ed25519 signatures on the events storage sends to collectors. A collector trusts a {@code SnapshotStored} event to
 * decide that a chunk no longer needs sending, so one forged by any host that can write to Kafka could make it stop
 * sending chunks no location holds; with these signatures it accepts only what storage signed.
 *
 * <p>Keys travel as standard base64 of the raw 32 bytes (RFC 8032), like the sealing keys: storage holds the private
 * key ({@code storage-events.key}), every collector the public key ({@code storage-events.pub}). A signature is base64
 * of the 64-byte Ed25519 signature over the event's {@code signedContent()}, which names the event and its version
 * and length-prefixes every field, so no two events share signed bytes.
 */
package org.chtbackup.contracts.signing;
