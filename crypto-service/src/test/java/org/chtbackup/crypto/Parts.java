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

    /** The deployment's collector's sealer: to the service's key, with the deployment's registered sender key. */
    static Sealer sealer(TestKeys keys, String deployment) {
        return new Sealer(keys.sealing.publicKey(), keys.sender(deployment).privateKey());
    }

    static byte[] sealedPack(TestKeys keys, String deployment, String snapshot, byte[] plaintext) {
        String id = packId(plaintext);
        byte[] sealed = sealer(keys, deployment).seal(plaintext,
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.PACK, id, List.of(), 0));
        return event(deployment, snapshot, PartKind.PACK, id, List.of(), sealed);
    }

    static byte[] sealedList(TestKeys keys, String deployment, String snapshot, String listId,
                             List<String> packIds) {
        byte[] sealed = sealer(keys, deployment).seal(new byte[0],
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.PACK_LIST, listId, packIds, 0));
        return EventWire.encode(new SnapshotPartSealed(SnapshotPartSealed.VERSION, deployment, snapshot,
                PartKind.PACK_LIST, listId, packIds, 0, sealed));
    }

    static byte[] sealedManifest(TestKeys keys, String deployment, String snapshot, String manifestId,
                                 byte[] json, int listPieces) {
        byte[] sealed = sealer(keys, deployment).seal(json,
                SnapshotPartSealed.associatedData(deployment, snapshot, PartKind.MANIFEST, manifestId, List.of(),
                        listPieces));
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
