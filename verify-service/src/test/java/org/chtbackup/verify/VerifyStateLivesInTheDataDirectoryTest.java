package org.chtbackup.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The queue, reports and scratch space default to folders of {@code verify.data-dir}; explicit settings win. */
class VerifyStateLivesInTheDataDirectoryTest {

    @Test
    void scratchReportsAndQueueDefaultUnderTheDataDirectory() {
        VerifyProperties props = props(null, null);

        assertThat(props.scratchDir()).isEqualTo(Path.of("/srv/verify/scratch"));
        assertThat(props.reportDir()).isEqualTo(Path.of("/srv/verify/reports"));
        assertThat(props.queueDir()).isEqualTo(Path.of("/srv/verify/queue"));
        assertThat(props(Path.of("/big/scratch"), Path.of("/audit")).scratchDir()).isEqualTo(Path.of("/big/scratch"));
        assertThat(props(Path.of("/big/scratch"), Path.of("/audit")).reportDir()).isEqualTo(Path.of("/audit"));
    }

    @Test
    void nothingDefaultsToTheTemporaryDirectory() throws Exception {
        String yml = new String(VerifyStateLivesInTheDataDirectoryTest.class.getResourceAsStream("/verify.yml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(yml).contains("data-dir: ${VERIFY_DATA_DIR:${user.home}/.cht-backup/verify}")
                .doesNotContain("tmpdir");
    }

    private static VerifyProperties props(Path scratch, Path reports) {
        return new VerifyProperties(Map.of(), List.of(), null, List.of(), Path.of("/srv/verify"), scratch, reports,
                false, new VerifyProperties.Drills(1, Duration.ofDays(30)), null, null, null, null, 4);
    }
}
