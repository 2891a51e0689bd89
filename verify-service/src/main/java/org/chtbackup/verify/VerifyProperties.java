package org.chtbackup.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.chtbackup.location.LocationSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the verify service ({@code verify.*}).
 *
 * @param locations              the locations to drill, by name, as in storage ({@code verify.locations.<name>.*})
 * @param decryptionKeyFiles     armored OpenPGP secret keys of a recipient (ops or escrow)
 * @param decryptionKeyPassphrase passphrase of those keys, empty when unprotected
 * @param trustedSignerFiles     armored public keys of the crypto service: objects signed by anyone else fail
 * @param scratchDir             where drills restore to
 * @param reportDir              where drill reports are written
 * @param keepRestored           keep each drill's restored files (operators inspecting, tests); default false
 */
@Validated
@ConfigurationProperties("verify")
public record VerifyProperties(
        @NotEmpty(message = "verify.locations needs at least one location") Map<String, LocationSettings> locations,
        @NotEmpty(message = "verify.decryption-key-files is required") List<Path> decryptionKeyFiles,
        String decryptionKeyPassphrase,
        @NotEmpty(message = "verify.trusted-signer-files is required") List<Path> trustedSignerFiles,
        @NotNull @DefaultValue("${java.io.tmpdir}/cht-backup/scratch") Path scratchDir,
        @NotNull @DefaultValue("${java.io.tmpdir}/cht-backup/reports") Path reportDir,
        @DefaultValue("false") boolean keepRestored) {

    @Override
    public String toString() {
        return "VerifyProperties[locations=" + locations.keySet() + ", scratchDir=" + scratchDir + "]";
    }
}
