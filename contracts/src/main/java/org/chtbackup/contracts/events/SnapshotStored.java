package org.chtbackup.contracts.events;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import org.chtbackup.contracts.signing.EventSigner;
import org.chtbackup.contracts.signing.EventVerifier;

/**
 * A snapshot's manifest and every chunk it names are durably in one location.
 *
 * <p>Version 2: {@code signature} is storage's Ed25519 signature over {@link #signedContent()}
 * ({@code org.chtbackup.contracts.signing}); collectors act only on events it verifies. Version 1 (older storage)
 * had no signature: verify still reads it, collectors ignore it. Emitted once per location; duplicates are harmless
 * (consumers are idempotent). {@code chunkCount} counts the objects the manifest needs: chunks for manifest format 1
 * and 2, packs from format 3 on.
 */
public record SnapshotStored(
        int version,
        String deploymentId,
        String snapshotId,
        String location,
        String manifestKey,
        int chunkCount,
        Instant storedAt,
        String signature) {

    public static final int VERSION = 2;

    public SnapshotStored {
        EventChecks.version(version, VERSION, "SnapshotStored");
        EventChecks.deploymentId(deploymentId);
        EventChecks.required(snapshotId, "snapshotId");
        EventChecks.required(location, "location");
        EventChecks.required(manifestKey, "manifestKey");
        EventChecks.required(storedAt, "storedAt");
    }

    /** An event not signed yet: storage signs it ({@link #signedBy}) as it sends it. */
    public SnapshotStored(int version, String deploymentId, String snapshotId, String location, String manifestKey,
                          int chunkCount, Instant storedAt) {
        this(version, deploymentId, snapshotId, location, manifestKey, chunkCount, storedAt, null);
    }

    /** This event at the current version, signed by storage's key. */
    public SnapshotStored signedBy(EventSigner signer) {
        SnapshotStored current = new SnapshotStored(VERSION, deploymentId, snapshotId, location, manifestKey,
                chunkCount, storedAt);
        return new SnapshotStored(VERSION, deploymentId, snapshotId, location, manifestKey, chunkCount, storedAt,
                signer.sign(current.signedContent()));
    }

    /** Whether this event carries a signature of the storage key {@code verifier} holds, over these very fields. */
    public boolean isSignedFor(EventVerifier verifier) {
        try {
            return version >= 2 && verifier.verifies(signedContent(), signature);
        } catch (UncheckedIOException e) {
            return false; // a field over 64 KiB: storage never signs one
        }
    }

    /** The bytes storage signs: the event's name and version, then every field, each length-prefixed. */
    public byte[] signedContent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("cht-backup SnapshotStored");
            out.writeInt(version);
            out.writeUTF(deploymentId);
            out.writeUTF(snapshotId);
            out.writeUTF(location);
            out.writeUTF(manifestKey);
            out.writeInt(chunkCount);
            out.writeLong(storedAt.getEpochSecond());
            out.writeInt(storedAt.getNano());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
