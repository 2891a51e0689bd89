package org.chtbackup.crypto.encryption;

import java.util.List;

/**
 * The public keys an object was made with, recorded in every manifest (field {@code encryption}) so an operator
 * can tell, years later, which private key opens a snapshot and which signer to trust.
 *
 * @param recipients        primary-key fingerprints of the recipient keys (ops, escrow), as gpg lists them
 * @param encryptionSubkeys fingerprints of the subkeys objects were actually encrypted to
 * @param signer            fingerprint of the crypto service's signing key
 * @param sealing           fingerprint of the X25519 key collectors sealed the parts to
 */
public record KeysUsed(List<String> recipients, List<String> encryptionSubkeys, String signer, String sealing) {

    public KeysUsed {
        recipients = List.copyOf(recipients);
        encryptionSubkeys = List.copyOf(encryptionSubkeys);
        if (recipients.isEmpty() || signer == null) {
            throw new IllegalArgumentException("keys used need at least one recipient and a signer");
        }
    }
}
