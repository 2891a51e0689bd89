/**
 * The object format of every stored chunk and manifest: a binary OpenPGP message (RFC 4880, v4 keys)
 * that is ZLIB-compressed, signed by the crypto service and encrypted with AES-256 plus MDC to every
 * recipient key, so stock {@code gpg} 2.2 can decrypt and verify any object without our code.
 *
 * <p>{@link org.chtbackup.contracts.openpgp.ObjectEncryptor} writes objects,
 * {@link org.chtbackup.contracts.openpgp.ObjectDecryptor} reads and authenticates them, and
 * {@link org.chtbackup.contracts.openpgp.KeyRing} generates, loads and saves the keys. Where the
 * objects are stored and how they are named is left to the layout and storage packages.
 */
package org.chtbackup.contracts.openpgp;
