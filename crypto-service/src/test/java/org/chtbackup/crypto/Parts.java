package org.chtbackup.crypto;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.sealing.Sealer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds snapshot parts as a collector sends them: the payload sealed to the crypto service under the part's
 * identity, the event as JSON. Written as a JSON map rather than with the record's constructor, so these tests
 * keep compiling when fields are added at the end of the event.
 */
final class Parts {

    /** Fields added at the end of an event read as their defaults when absent, as in the service's binder. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private Parts() {
    }

    /** A chunk id for test data: SHA-256 of the bytes (the collector uses a keyed hash; the format is the same). */
    static String chunkId(byte[] plaintext) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sealedChunk(byte[] sealingPublicKey, String deployment, String snapshot, byte[] plaintext) {
        String id = chunkId(plaintext);
        byte[] sealed = new Sealer(sealingPublicKey).seal(plaintext,
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.CHUNK, id));
        return event(deployment, snapshot, PartKind.CHUNK, id, List.of(), sealed);
    }

    static byte[] sealedManifest(byte[] sealingPublicKey, String deployment, String snapshot, String manifestId,
                                 byte[] json, List<String> chunkIds) {
        byte[] sealed = new Sealer(sealingPublicKey).seal(json,
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.MANIFEST, manifestId));
        return event(deployment, snapshot, PartKind.MANIFEST, manifestId, chunkIds, sealed);
    }

    static byte[] event(String deployment, String snapshot, PartKind kind, String objectId, List<String> chunkIds,
                        byte[] sealed) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", SnapshotPartSealed.VERSION);
        event.put("deploymentId", deployment);
        event.put("snapshotId", snapshot);
        event.put("kind", kind.name());
        event.put("objectId", objectId);
        event.put("chunkIds", chunkIds);
        event.put("sealed", sealed);
        return JSON.writeValueAsBytes(event);
    }

    static ObjectEncrypted object(byte[] json) {
        return JSON.readValue(json, ObjectEncrypted.class);
    }

    static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
