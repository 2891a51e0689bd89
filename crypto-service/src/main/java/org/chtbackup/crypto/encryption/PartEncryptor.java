package org.chtbackup.crypto.encryption;

import java.util.List;

import org.chtbackup.contracts.events.ObjectEncrypted;
import org.chtbackup.contracts.events.PartKind;
import org.chtbackup.contracts.events.SnapshotPartSealed;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.openpgp.ObjectEncryptor;
import org.chtbackup.contracts.sealing.Opener;
import org.chtbackup.crypto.senders.SenderKeys;

/**
 * Turns one sealed part into one stored-object event. Stateless: any instance can take any partition.
 * A part that does not open under its own identity and the sender key registered for its deployment (tampered,
 * replayed to another deployment, or made by another host) throws a
 * {@link org.chtbackup.contracts.sealing.SealedPayloadException}, and a part of an unregistered deployment an
 * {@link org.chtbackup.crypto.senders.UnregisteredSenderException}; the binding dead-letters both.
 */
public final class PartEncryptor {

    private final Opener opener;
    private final SenderKeys senders;
    private final ObjectEncryptor encryptor;
    private final KeysUsed keys;

    /** @param keys the fingerprints of the keys {@code encryptor} uses, recorded in every manifest */
    public PartEncryptor(Opener opener, SenderKeys senders, ObjectEncryptor encryptor, KeysUsed keys) {
        this.opener = opener;
        this.senders = senders;
        this.encryptor = encryptor;
        this.keys = keys;
    }

    /** The keys recorded in manifests; the service logs these fingerprints at start. */
    public KeysUsed keys() {
        return keys;
    }

    public ObjectEncrypted encrypt(SnapshotPartSealed part) {
        byte[] plaintext = opener.open(part.sealed(), part.associatedData(), senders.publicKeyOf(part.deploymentId()));
        if (part.kind() == PartKind.MANIFEST) {
            plaintext = ManifestStamp.stamp(plaintext, keys, part.deploymentId() + "/" + part.objectId());
        }
        List<String> neededKeys = part.packIds().stream()
                .map(id -> ObjectLayout.packKey(part.deploymentId(), id))
                .toList();
        byte[] object = encryptor.encrypt(plaintext, literalName(part));
        return new ObjectEncrypted(ObjectEncrypted.VERSION, part.deploymentId(), part.snapshotId(), part.kind(),
                objectKey(part), neededKeys, part.listPieces(), object);
    }

    /** Where the object of this part is stored. */
    static String objectKey(SnapshotPartSealed part) {
        return switch (part.kind()) {
            case PACK -> ObjectLayout.packKey(part.deploymentId(), part.objectId());
            case PACK_LIST -> ObjectLayout.chunkListKey(part.deploymentId(), part.objectId());
            case MANIFEST -> ObjectLayout.manifestKey(part.deploymentId(), part.objectId());
        };
    }

    /**
     * The file name gpg offers for the decrypted object: {@code <pack id>.zst} says a pack's plaintext is zstd
     * frames (docs/format.md), {@code <manifest id>.json} that a manifest is JSON.
     */
    static String literalName(SnapshotPartSealed part) {
        return switch (part.kind()) {
            case PACK -> part.objectId() + ".zst";
            case PACK_LIST -> part.objectId() + ".list";
            case MANIFEST -> part.objectId() + ".json";
        };
    }
}
