/**
 * Sealed transport from the collector to the crypto service: every payload on Kafka is encrypted to
 * the crypto service's X25519 key with HPKE auth mode (RFC 9180: DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256) and AES-256-CTR with HMAC-SHA256, so no Kafka log holds plaintext, and a payload opens only under the
 * X25519 sender key registered for the deployment it claims to come from: a host that can write to
 * Kafka cannot forge parts for another deployment.
 *
 * <p>Sealed format, version 4 (frozen once released):
 * <pre>
 *   offset 0       1 byte    version = 0x04
 *   offset 1       32 bytes  enc: the sender's ephemeral X25519 public key (HPKE encapsulation)
 *   offset 33      n bytes   AES-256-CTR ciphertext of the n-byte payload (initial counter block all zero)
 *   offset 33 + n  32 bytes  tag: HMAC-SHA256 over aad || ciphertext || aad's length in bits (8 bytes, big-endian)
 * </pre>
 * The HPKE suite is auth mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and the export-only AEAD (0xFFFF); its
 * {@code info} is the ASCII string {@code "cht-backup sealed payload v4"}, which binds the version byte. The two
 * payload keys are the HPKE secret export (RFC 9180 section 5.3) of 64 bytes with exporter context
 * {@code "cht-backup payload keys v4"}: the AES-256 key, then the HMAC-SHA256 key, each used once, so the fixed
 * counter block never repeats under one key. The opener checks the tag before it decrypts. Both run on the JDK's
 * intrinsics, about five times the speed of JDK 17's ChaCha20-Poly1305, which version 3 used (docs/benchmarks.md).
 * The caller's AAD (for example deploymentId, snapshotId, kind and objectId) is not transmitted; the opener must
 * supply the same AAD, so a payload replayed into another context fails to open.
 *
 * <p>Version 3 (collectors older than this build) is still opened, so the crypto service can be upgraded before
 * the hosts: the same layout with a 16-byte tag, the HPKE suite naming ChaCha20-Poly1305, info
 * {@code "cht-backup sealed payload v3"}, one 32-byte key exported with context {@code "cht-backup payload key"},
 * and ChaCha20-Poly1305 (RFC 8439) with an all-zero nonce.
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
