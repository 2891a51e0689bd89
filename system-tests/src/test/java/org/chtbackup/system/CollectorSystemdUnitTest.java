package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

/** infra/systemd's unit passes systemd's own checks, and runs the collector unprivileged with one capability. */
class CollectorSystemdUnitTest {

    static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @Test
    void theUnitVerifiesAndRunsAsItsOwnUserWithOnlyTheReadCapability() throws Exception {
        Requirements.require(Files.isExecutable(ANALYZE), "systemd-analyze is missing; .ci/run installs systemd");
        Path unit = SharedFixtures.repository().resolve("infra/systemd/cht-backup-collector.service");
        ServiceImagesTest.Result verify = ServiceImagesTest.run(Duration.ofSeconds(60), ANALYZE.toString(), "verify",
                unit.toString());
        assertThat(verify.code()).as(verify.output()).isZero();
        assertThat(verify.output()).as("no warning either").isBlank();
        String text = Files.readString(unit);
        assertThat(text).contains("\nUser=cht-backup\n", "\nCapabilityBoundingSet=CAP_DAC_READ_SEARCH\n",
                "\nNoNewPrivileges=yes\n", "\nProtectSystem=strict\n");
    }
}
