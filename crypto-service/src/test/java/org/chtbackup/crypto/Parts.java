package org.chtbackup.crypto;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.chtbackup.contracts.events.EventWire;
import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.sealing.Sealer;

import tools.jackson.databind.json.JsonMapper;

/** Builds snapshot parts as a collector sends them: the payload sealed under the part's identity, the binary record. */
final class Parts {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Parts() {
    }

    /** A pack id for test data: SHA-256 of the bytes (collectors use random ids; the format is the same). */
    static String packId(byte[] plaintext) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sealedPack(byte[] sealingPublicKey, String deployment, String snapshot, byte[] plaintext) {
        String id = packId(plaintext);
        byte[] sealed = new Sealer(sealingPublicKey).seal(plaintext,
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.PACK, id));
        return event(deployment, snapshot, PartKind.PACK, id, List.of(), sealed);
    }

    static byte[] sealedList(byte[] sealingPublicKey, String deployment, String snapshot, String listId,
                             List<String> packIds) {
        byte[] sealed = new Sealer(sealingPublicKey).seal(new byte[0],
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.PACK_LIST, listId));
        return EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, deployment, snapshot,
                PartKind.PACK_LIST, listId, packIds, 0, sealed));
    }

    static byte[] sealedManifest(byte[] sealingPublicKey, String deployment, String snapshot, String manifestId,
                                 byte[] json, int listPieces) {
        byte[] sealed = new Sealer(sealingPublicKey).seal(json,
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.MANIFEST, manifestId));
        return EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, deployment, snapshot,
                PartKind.MANIFEST, manifestId, List.of(), listPieces, sealed));
    }

    static byte[] event(String deployment, String snapshot, PartKind kind, String objectId, List<String> packIds,
                        byte[] sealed) {
        return EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, deployment, snapshot, kind,
                objectId, packIds, 0, sealed));
    }

    static ObjectEncrypted object(byte[] value) {
        return EventWire.decodeObject(value);
    }

    static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
