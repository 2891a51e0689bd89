package org.chtbackup.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectEncryptor;
import org.chtbackup.contracts.sealing.Opener;
import org.chtbackup.contracts.sealing.SealingKeys;
import org.chtbackup.crypto.encryption.KeysUsed;
import org.chtbackup.crypto.encryption.PartEncryptor;
import org.chtbackup.crypto.senders.SenderKeys;

/**
 * The keys the service runs with, loaded from {@link CryptoProperties} (files or inline values). Errors name the
 * setting and the fix, never a key: a bad value says "not valid base64", not what it was.
 */
record ServiceKeys(Opener opener, SenderKeys senders, List<PGPPublicKeyRing> recipients, PGPSecretKeyRing signer,
                   PGPPrivateKey signingKey) {

    static ServiceKeys load(CryptoProperties props) {
        Opener opener = new Opener(sealingKey(props));
        List<PGPPublicKeyRing> recipients = recipients(props);
        PGPSecretKeyRing signer = signer(props);
        String passphrase = props.signingKeyPassphrase();
        PGPPrivateKey signingKey = KeyRing.unlockSigningKey(signer, passphrase == null ? null : passphrase.toCharArray());
        // Checked last, so a key setting that is wrong is reported before a missing register.
        SenderKeys senders = new SenderKeys(props.senderKeysDir());
        return new ServiceKeys(opener, senders, recipients, signer, signingKey);
    }

    PartEncryptor partEncryptor() {
        List<PGPPublicKey> encryptionKeys = new ArrayList<>();
        List<String> recipientFingerprints = new ArrayList<>();
        List<String> subkeyFingerprints = new ArrayList<>();
        for (PGPPublicKeyRing ring : recipients) {
            recipientFingerprints.add(KeyRing.fingerprint(ring.getPublicKey()));
            for (PGPPublicKey key : KeyRing.encryptionKeys(ring)) {
                encryptionKeys.add(key);
                subkeyFingerprints.add(KeyRing.fingerprint(key));
            }
        }
        KeysUsed used = new KeysUsed(recipientFingerprints, subkeyFingerprints,
                KeyRing.fingerprint(signer.getPublicKey()), opener.fingerprint());
        return new PartEncryptor(opener, senders, new ObjectEncryptor(encryptionKeys, signingKey), used);
    }

    private static byte[] sealingKey(CryptoProperties props) {
        String inline = blankToNull(props.sealingPrivateKey());
        requireOne(props.sealingPrivateKeyFile(), inline, "crypto.sealing-private-key-file",
                "crypto.sealing-private-key (CRYPTO_SEALING_PRIVATE_KEY)");
        try {
            if (inline != null) {
                try {
                    return SealingKeys.decode(inline);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("crypto.sealing-private-key: " + e.getMessage());
                }
            }
            return SealingKeys.readKey(props.sealingPrivateKeyFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read crypto.sealing-private-key-file " + props.sealingPrivateKeyFile()
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static List<PGPPublicKeyRing> recipients(CryptoProperties props) {
        String inline = blankToNull(props.recipientKeys());
        requireOne(props.recipientKeyFiles().isEmpty() ? null : props.recipientKeyFiles(), inline,
                "crypto.recipient-key-files", "crypto.recipient-keys (CRYPTO_RECIPIENT_KEYS)");
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        if (inline != null) {
            rings.addAll(inSetting("crypto.recipient-keys", () -> KeyRing.parsePublicRings(inline)));
        }
        for (Path file : props.recipientKeyFiles()) {
            rings.addAll(readFile(file, "crypto.recipient-key-files", () -> KeyRing.loadPublicRings(file)));
        }
        rings.forEach(KeyRing::encryptionKeys); // fails early, naming the key, if one cannot encrypt
        return rings;
    }

    private static PGPSecretKeyRing signer(CryptoProperties props) {
        String inline = blankToNull(props.signingKey());
        requireOne(props.signingKeyFile(), inline, "crypto.signing-key-file", "crypto.signing-key (CRYPTO_SIGNING_KEY)");
        List<PGPSecretKeyRing> rings = inline != null
                ? inSetting("crypto.signing-key", () -> KeyRing.parseSecretRings(inline))
                : readFile(props.signingKeyFile(), "crypto.signing-key-file",
                        () -> KeyRing.loadSecretRings(props.signingKeyFile()));
        if (rings.size() != 1) {
            throw new IllegalArgumentException("the signing key setting holds " + rings.size()
                    + " secret keys; configure exactly one");
        }
        return rings.get(0);
    }

    private static void requireOne(Object file, String inline, String fileSetting, String inlineSetting) {
        if (file == null && inline == null) {
            throw new IllegalArgumentException("set " + fileSetting + " or " + inlineSetting);
        }
        if (file != null && inline != null) {
            throw new IllegalArgumentException("both " + fileSetting + " and " + inlineSetting
                    + " are set; keep only one so it is clear which key is used");
        }
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    private static <T> T readFile(Path file, String setting, Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + setting + " " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static <T> T inSetting(String setting, Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new IllegalStateException(setting + ": " + e.getClass().getSimpleName(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
