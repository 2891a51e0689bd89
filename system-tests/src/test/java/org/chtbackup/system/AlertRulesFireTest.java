package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/prometheus/cht-backup-alerts.yml with Prometheus's own promtool (Debian's prometheus package; .ci/run
 * installs it): the rules parse, and every alert fires on the series that should raise it and stays silent on the
 * healthy ones beside it (cht-backup-alerts.test.yml). The metric names the rules read are the ones the services
 * export: MetricsTheAlertsReadAreExportedTest checks them from the other side.
 */
class AlertRulesFireTest {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static Path rules;

    @BeforeAll
    static void promtool() {
        Requirements.require(Files.isExecutable(PROMTOOL), "promtool is not installed; .ci/run installs Debian's"
                + " prometheus package");
        rules = SharedFixtures.repository().resolve("infra/prometheus");
    }

    @Test
    void rulesParse() throws Exception {
        Result check = promtool("check", "rules", "cht-backup-alerts.yml");
        assertThat(check.code()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 13 rules found");
    }

    @Test
    void everyAlertFiresOnItsCauseAndNotOnHealthySeries() throws Exception {
        Result test = promtool("test", "rules", "cht-backup-alerts.test.yml");
        assertThat(test.code()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsTestedAsFiring() throws IOException {
        String alerts = Files.readString(rules.resolve("cht-backup-alerts.yml"));
        String tests = Files.readString(rules.resolve("cht-backup-alerts.test.yml"));
        Matcher names = Pattern.compile("- alert: (\\w+)").matcher(alerts);
        int count = 0;
        while (names.find()) {
            count++;
            assertThat(tests).as(names.group(1) + " has a test where it fires")
                    .containsPattern("alertname: " + names.group(1) + "\\n\\s+exp_alerts:\\n\\s+- exp_labels:");
        }
        assertThat(count).isEqualTo(13);
    }

    record Result(int code, String output) {
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("promtool", ".txt");
        try {
            Process p = new ProcessBuilder(concat(PROMTOOL.toString(), args)).directory(rules.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(new File("/dev/null"))
                    .start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
