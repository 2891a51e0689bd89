package org.chtbackup.crypto;

import java.nio.file.Path;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the crypto service ({@code crypto.*}). Keys are read from files; the service never logs them.
 *
 * @param sealingPrivateKeyFile  one-line base64 X25519 private key that collectors seal parts to
 * @param recipientKeyFiles      armored OpenPGP public keys every object is encrypted to (ops, escrow)
 * @param signingKeyFile         armored OpenPGP secret key that signs every object
 * @param signingKeyPassphrase   passphrase of the signing key, empty when unprotected
 */
@Validated
@ConfigurationProperties("crypto")
public record CryptoProperties(
        @NotNull(message = "crypto.sealing-private-key-file is required") Path sealingPrivateKeyFile,
        @NotEmpty(message = "crypto.recipient-key-files needs at least one public key") List<Path> recipientKeyFiles,
        @NotNull(message = "crypto.signing-key-file is required") Path signingKeyFile,
        String signingKeyPassphrase) {

    @Override
    public String toString() {
        return "CryptoProperties[recipients=" + recipientKeyFiles + ", signingKeyFile=" + signingKeyFile + "]";
    }
}
