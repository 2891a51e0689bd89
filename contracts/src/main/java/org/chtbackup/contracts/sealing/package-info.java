/**
 * Sealed transport from the collector to the crypto service: every payload on Kafka is encrypted to
 * the crypto service's X25519 key with HPKE auth mode (RFC 9180: DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, ChaCha20-Poly1305), so no Kafka log holds plaintext, and a payload opens only under the
 * X25519 sender key registered for the deployment it claims to come from: a host that can write to
 * Kafka cannot forge parts for another deployment.
 *
 * <p>Sealed format, version 3 (frozen once released):
 * <pre>
 *   offset 0   1 byte    version = 0x03
 *   offset 1   32 bytes  enc: the sender's ephemeral X25519 public key (HPKE encapsulation)
 *   offset 33  n + 16    ChaCha20-Poly1305 ciphertext of the n-byte payload, then its 16-byte tag
 * </pre>
 * The HPKE {@code info} is the ASCII string {@code "cht-backup sealed payload v3"}, which binds the
 * version byte. The payload key is the HPKE secret export (RFC 9180 section 5.3) of 32 bytes with
 * exporter context {@code "cht-backup payload key"}, used once with an all-zero 12-byte nonce; the
 * bulk encryption is the JDK's ChaCha20-Poly1305 (RFC 8439), the fastest AEAD of the JDK 17 this
 * runs on (its AES-GCM runs at a fifth of the speed on CPUs without AVX-512), and several times
 * faster than Bouncy Castle's pure-Java AES-GCM that version 1 used inside HPKE's own seal. The caller's
 * AAD (for example deploymentId, snapshotId, kind and objectId) is not transmitted; the opener must
 * supply the same AAD, so a payload replayed into another context fails to open.
 *
 * <p>Versions 1 and 2 (earlier builds) used HPKE base mode, which proves nothing about the sender; they
 * are no longer accepted: collectors are upgraded with the crypto service and get a sender key.
 *
 * <p>{@link org.chtbackup.contracts.sealing.Sealer} seals on the collector,
 * {@link org.chtbackup.contracts.sealing.Opener} opens in the crypto service, and
 * {@link org.chtbackup.contracts.sealing.SealingKeys} makes and stores the keys. Which topic carries
 * the payloads is left to the events package.
 */
package org.chtbackup.contracts.sealing;
