/**
 * The pack format: how chunks travel and rest from manifest format 3 on. A pack's plaintext is a concatenation of
 * zstd frames, one per chunk, each compressed on its own so any chunk can be read without its neighbours; the
 * concatenation is itself a valid zstd stream. Where each chunk lies is a {@link
 * org.chtbackup.contracts.packs.ChunkLocation} (pack id, offset and length of its frame, and its size once
 * decompressed), recorded in the manifest that names it. Stored, a pack is one OpenPGP message (see the openpgp
 * package) whose literal data is that plaintext, so {@code gpg --decrypt} and {@code zstd -d} restore it with stock
 * tools. Writing packs is the collector's job; this package holds only what writer and readers share.
 */
package org.chtbackup.contracts.packs;
