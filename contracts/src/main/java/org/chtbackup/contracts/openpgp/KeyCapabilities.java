package org.chtbackup.contracts.openpgp;

import java.util.Iterator;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;

/**
 * What a key may be used for, read from the key-flags subpacket of its self-signatures the way gpg
 * reads it. Keys come from operator configuration, so self-signatures are read, not re-verified.
 */
final class KeyCapabilities {

    private KeyCapabilities() {
    }

    static boolean canEncrypt(PGPPublicKey key) {
        if (!key.isEncryptionKey()) {
            return false;
        }
        int flags = flags(key);
        return flags == 0 || (flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
    }

    static boolean canSign(PGPPublicKey key) {
        if (!isSigningAlgorithm(key.getAlgorithm())) {
            return false;
        }
        int flags = flags(key);
        // Without flags (very old keys) only the primary key is assumed to sign, as gpg does.
        return flags == 0 ? key.isMasterKey() : (flags & KeyFlags.SIGN_DATA) != 0;
    }

    static boolean isSigningAlgorithm(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN, PublicKeyAlgorithmTags.DSA,
                    PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519,
                    PublicKeyAlgorithmTags.Ed448 -> true;
            default -> false;
        };
    }

    /** Flags of the newest self-signature that carries any, or 0 when none does. */
    private static int flags(PGPPublicKey key) {
        int flags = 0;
        long newest = Long.MIN_VALUE;
        for (Iterator<PGPSignature> it = key.getSignatures(); it.hasNext(); ) {
            PGPSignature signature = it.next();
            if (!isSelfSignatureType(signature.getSignatureType())) {
                continue;
            }
            PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
            if (hashed == null || hashed.getKeyFlags() == 0) {
                continue;
            }
            long created = signature.getCreationTime().getTime();
            if (created >= newest) {
                newest = created;
                flags = hashed.getKeyFlags();
            }
        }
        return flags;
    }

    private static boolean isSelfSignatureType(int type) {
        return switch (type) {
            case PGPSignature.DEFAULT_CERTIFICATION, PGPSignature.NO_CERTIFICATION, PGPSignature.CASUAL_CERTIFICATION,
                    PGPSignature.POSITIVE_CERTIFICATION, PGPSignature.SUBKEY_BINDING, PGPSignature.DIRECT_KEY -> true;
            default -> false;
        };
    }
}
