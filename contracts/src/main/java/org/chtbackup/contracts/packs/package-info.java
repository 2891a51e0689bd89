/**
 * The pack format: how chunks travel and rest from manifest format 3 on. A pack's plaintext is one zstd stream
 * ({@link org.chtbackup.contracts.packs.PackCompression}) whose decompressed content is its chunks back to back.
 * Where each chunk lies is a {@link org.chtbackup.contracts.packs.ChunkLocation} (pack id, offset and length in
 * that content), recorded in the manifest that names it. Stored, a pack is one OpenPGP message (see the openpgp
 * package) whose literal data is that plaintext, so {@code gpg --decrypt}, {@code zstd -d} and {@code dd} restore it
 * with stock tools. Writing packs is the collector's job; this package holds only what writer and readers share.
 */
package org.chtbackup.contracts.packs;
