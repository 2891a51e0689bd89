/**
 * Sealed transport from the collector to the crypto service: every payload on Kafka is encrypted to
 * the crypto service's X25519 key with HPKE base mode (RFC 9180: DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-256-GCM), so no Kafka log holds plaintext.
 *
 * <p>Sealed format, version 1 (frozen once released):
 * <pre>
 *   offset 0   1 byte    version = 0x01
 *   offset 1   32 bytes  enc: the sender's ephemeral X25519 public key (HPKE encapsulation)
 *   offset 33  n + 16    AES-256-GCM ciphertext of the n-byte payload, then its 16-byte tag
 * </pre>
 * The HPKE {@code info} is the ASCII string {@code "cht-backup sealed payload v1"}, which binds the
 * version byte. The caller's AAD (for example deploymentId, snapshotId and objectId) is not
 * transmitted; the opener must supply the same AAD, so a payload replayed into another context
 * fails to open. A new version would take a new version byte and a new {@code info}.
 *
 * <p>{@link org.chtbackup.contracts.sealing.Sealer} seals on the collector,
 * {@link org.chtbackup.contracts.sealing.Opener} opens in the crypto service, and
 * {@link org.chtbackup.contracts.sealing.SealingKeys} makes and stores the keys. Which topic carries
 * the payloads is left to the events package.
 */
package org.chtbackup.contracts.sealing;
