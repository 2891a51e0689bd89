package org.chtbackup.verify.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.chtbackup.contracts.openpgp.DetachedSignatures;
import org.chtbackup.contracts.openpgp.KeyRing;

/**
 * Verify's own OpenPGP key, which signs every report JSON with a detached signature ({@code <drillId>.json.asc})
 * that stock gpg checks: an auditor needs our public key, not our code. Made at verify's first start in
 * {@code <data-dir>/report-signing.asc} (owner-only, unprotected: verify signs unattended); its public key is
 * written beside the reports as {@value #PUBLIC_FILE} at every start.
 */
public final class ReportSigner {

    static final String SECRET_FILE = "report-signing.asc";
    public static final String PUBLIC_FILE = "report-signer.pub.asc";

    private final DetachedSignatures signatures;

    private ReportSigner(DetachedSignatures signatures) {
        this.signatures = signatures;
    }

    public static ReportSigner keyIn(Path dataDir, Path reportDir) {
        Path secret = dataDir.resolve(SECRET_FILE);
        try {
            if (!Files.exists(secret)) {
                Files.createDirectories(dataDir);
                KeyRing.save(secret, KeyRing.generateSigningKey("cht-backup verify reports", null));
            }
            List<PGPSecretKeyRing> rings = KeyRing.loadSecretRings(secret);
            if (rings.size() != 1) {
                throw new IllegalArgumentException("it holds " + rings.size() + " keys, not one");
            }
            Files.createDirectories(reportDir);
            KeyRing.save(reportDir.resolve(PUBLIC_FILE), KeyRing.publicRing(rings.get(0)));
            return new ReportSigner(new DetachedSignatures(KeyRing.unlockSigningKey(rings.get(0), null)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the report signing key " + secret + " cannot be read or created ("
                    + e.getMessage() + "): check verify.data-dir; a new key needs its public key given to auditors", e);
        }
    }

    /** An armoured detached signature of {@code content}. */
    public byte[] sign(byte[] content) {
        return signatures.sign(content);
    }

    public String fingerprint() {
        return signatures.fingerprint();
    }
}
