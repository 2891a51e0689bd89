package org.chtbackup.collector.chunking;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chunk id = HMAC-SHA256(deployment dedup key, plaintext), in lowercase hex. Equal plaintexts of one
 * deployment share an id (dedup); without the key, an id says nothing about the plaintext. The key is not
 * needed to restore.
 */
public final class ChunkIds {

    private final SecretKeySpec key;
    /** One keyed Mac per thread: looking one up and keying it per chunk costs more than hashing a small chunk. */
    private final ThreadLocal<Mac> macs;

    public ChunkIds(byte[] dedupKey) {
        if (dedupKey.length < 32) {
            throw new IllegalArgumentException("collector.dedup-key must be at least 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(dedupKey, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String idOf(byte[] chunk) {
        return idOf(chunk, 0, chunk.length);
    }

    /** The id of {@code length} bytes of {@code data} from {@code offset}. */
    public String idOf(byte[] data, int offset, int length) {
        Mac mac = macs.get();
        mac.update(data, offset, length);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /**
     * 32 bytes that identify the dedup key without revealing it: files holding chunk ids (the local index)
     * carry it, so ids named under another key are never mistaken for these.
     */
    public byte[] keyFingerprint() {
        return HexFormat.of().parseHex(idOf("cht-backup dedup key fingerprint v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
