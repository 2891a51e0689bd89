package org.chtbackup.crypto;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the crypto service ({@code crypto.*}). Each key comes either from a file ({@code ...-file(s)}) or
 * inline, typically from an environment variable (see {@code crypto.yml}); {@link ServiceKeys} checks that exactly
 * one is set. Values are never logged and never reach an exception message.
 *
 * @param sealingPrivateKeyFile  one-line base64 X25519 private key that collectors seal parts to
 * @param sealingPrivateKey      the same, inline ({@code CRYPTO_SEALING_PRIVATE_KEY})
 * @param senderKeysDir          directory of {@code <deployment>.pub}: each deployment's X25519 sender public key;
 *                               parts of a deployment not in it are refused ({@code CRYPTO_SENDER_KEYS_DIR})
 * @param recipientKeyFiles      armored OpenPGP public keys every object is encrypted to (ops, escrow)
 * @param recipientKeys          the same, inline: one or more armored blocks ({@code CRYPTO_RECIPIENT_KEYS})
 * @param signingKeyFile         armored OpenPGP secret key that signs every object
 * @param signingKey             the same, inline ({@code CRYPTO_SIGNING_KEY})
 * @param signingKeyPassphrase   passphrase of the signing key, empty when unprotected
 *                               ({@code CRYPTO_SIGNING_KEY_PASSPHRASE})
 */
@ConfigurationProperties("crypto")
public record CryptoProperties(
        Path sealingPrivateKeyFile,
        String sealingPrivateKey,
        Path senderKeysDir,
        List<Path> recipientKeyFiles,
        String recipientKeys,
        Path signingKeyFile,
        String signingKey,
        String signingKeyPassphrase) {

    public CryptoProperties {
        recipientKeyFiles = recipientKeyFiles == null ? List.of() : List.copyOf(recipientKeyFiles);
    }

    @Override
    public String toString() {
        return "CryptoProperties[recipientKeyFiles=" + recipientKeyFiles + ", signingKeyFile=" + signingKeyFile
                + ", sealingPrivateKeyFile=" + sealingPrivateKeyFile + ", senderKeysDir=" + senderKeysDir
                + ", inline keys not shown]";
    }
}
