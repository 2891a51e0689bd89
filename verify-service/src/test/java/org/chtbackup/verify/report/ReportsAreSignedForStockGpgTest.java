package org.chtbackup.verify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.openpgp.DetachedSignatures;
import org.chtbackup.contracts.openpgp.KeyRing;
import org.chtbackup.contracts.openpgp.ObjectAuthenticationException;
import org.chtbackup.contracts.testing.Gpg;
import org.chtbackup.contracts.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every JSON report has a detached signature that stock gpg accepts, and refuses once one byte changes. */
class ReportsAreSignedForStockGpgTest {

    @TempDir
    Path dir;

    @Test
    void stockGpgAcceptsTheSignatureAndRefusesItOnceOneByteChanges() throws Exception {
        Requirements.require(Gpg.available(), "stock gpg (" + Gpg.BINARY + ") is not installed; .ci/run installs gnupg");
        Path reports = dir.resolve("reports");
        ReportSigner signer = ReportSigner.keyIn(dir.resolve("data"), reports);
        DrillCompleted drill = DrillReportsNameWhatHappenedTest.drill("nas", DrillCompleted.Result.PASS, List.of(),
                List.of(), Instant.parse("2026-03-02T03:00:00Z"));
        Path json = new ReportWriter(reports, signer).write(drill);
        Path signature = json.resolveSibling(json.getFileName() + ".asc");

        try (Gpg gpg = new Gpg(Files.createDirectories(dir.resolve("gnupg")))) {
            gpg.importKey(Files.readString(reports.resolve(ReportSigner.PUBLIC_FILE)));
            Gpg.Result good = gpg.run("--verify", signature.toString(), json.toString());
            assertThat(good.exitCode()).as(good.stderr()).isZero();
            assertThat(good.status()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG " + signer.fingerprint());

            byte[] bytes = Files.readAllBytes(json);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(json, bytes);
            Gpg.Result bad = gpg.run("--verify", signature.toString(), json.toString());
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.status()).contains("[GNUPG:] BADSIG").doesNotContain("GOODSIG");
        }
    }

    @Test
    void theKeyIsMadeOnceOwnerOnlyAndItsPublicHalfLiesBesideTheReports() throws Exception {
        Path data = dir.resolve("data");
        Path reports = dir.resolve("reports");
        ReportSigner first = ReportSigner.keyIn(data, reports);
        ReportSigner again = ReportSigner.keyIn(data, reports);

        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(Files.getPosixFilePermissions(data.resolve(ReportSigner.SECRET_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyRing.fingerprints(KeyRing.loadPublicRings(reports.resolve(ReportSigner.PUBLIC_FILE)).get(0)))
                .contains(first.fingerprint());
        byte[] content = "{\"result\":\"PASS\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] sig = first.sign(content);
        var signers = KeyRing.signingKeys(KeyRing.loadPublicRings(reports.resolve(ReportSigner.PUBLIC_FILE)).get(0));
        DetachedSignatures.verify(content, new ByteArrayInputStream(sig), signers);
        byte[] changed = "{\"result\":\"FAIL\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DetachedSignatures.verify(changed, new ByteArrayInputStream(sig), signers))
                .isInstanceOf(ObjectAuthenticationException.class).hasMessageContaining("changed after signing");
    }

    @Test
    void theHtmlPageNamesTheSignerAndHowToCheckIt() throws Exception {
        ReportSigner signer = ReportSigner.keyIn(dir.resolve("data"), dir);
        DrillCompleted drill = DrillReportsNameWhatHappenedTest.drill("nas", DrillCompleted.Result.PASS, List.of(),
                List.of(), Instant.parse("2026-03-02T03:00:00Z"));
        String page = Files.readString(new HtmlReportWriter(dir, signer.fingerprint()).write(drill));
        assertThat(page).contains(signer.fingerprint()).contains("gpg --import report-signer.pub.asc")
                .contains("gpg --verify " + drill.drillId() + ".json.asc " + drill.drillId() + ".json");
    }
}
