package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault suite: SIGKILL of the collector, crypto, storage or the Kafka broker at a random point of a snapshot, then a
 * restart on the same state. Required of every trial: the snapshot (or, when the collector itself died, the next
 * one) completes or fails with a stated reason and the next one completes; every location then holds exactly one
 * manifest of it, and each location alone restores the host's files byte for byte. One trial per fault by default,
 * 20 with {@code -Pfaults}; every trial is recorded (FaultLedger) for docs/reliability.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledAtRandomPointsLoseNothingTest {

    private static final String CHANGING = "home/ubuntu/cht/couchdb/shards/00000000-15555554/medic-faults.1.couch";
    /** Health data in every snapshot's new bytes. */
    private static final String PHI = "{\"_id\":\"patient-fault-suite\",\"hiv_status\":\"positive\"}";

    /** Trials slower than this keep their logs ({@code -Dfaults.keep-logs-over=PT0S} keeps every trial's). */
    private static final Duration KEEP_LOGS_OVER = Duration.parse(System.getProperty("faults.keep-logs-over", "PT60S"));

    @TempDir
    static Path work;
    private FaultStack stack;
    private final Random random = FaultLedger.random("fault trials");

    @BeforeAll
    void start() throws Exception {
        Path host = SharedFixtures.chtHostCopy(work.resolve("host"));
        stack = new FaultStack(work.resolve("stack"), host);
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        FaultLedger.writeTable();
        if (stack != null) {
            // What every kill left behind: the processes' logs and the broker's segments and dead letters.
            List<String> leaks = LeakScan.find(List.of(stack.work.resolve("logs"), stack.work.resolve("kafka")),
                    stack.secrets(PHI));
            assertThat(leaks).as("secrets or health data in logs or Kafka segments").isEmpty();
            // The control: the same scan finds the health data where it is meant to be, on the host.
            assertThat(LeakScan.find(List.of(stack.host), stack.secrets(PHI))).as("the scan itself works")
                    .anyMatch(line -> line.endsWith("health data from the host's CouchDB files"));
        }
    }

    @ParameterizedTest(name = "kill -9 {0}")
    @ValueSource(strings = {"collector", "crypto", "storage", "kafka"})
    void killedAtARandomPointLosesNothing(String victim) throws Exception {
        // -Dfaults.victims=storage,kafka repeats some faults only (a visible skip for the others)
        String only = System.getProperty("faults.victims", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(only.isBlank() || List.of(only.split(",")).contains(victim),
                "faults.victims=" + only);
        ChildProcess process = switch (victim) {
            case "collector" -> stack.collector;
            case "crypto" -> stack.crypto;
            case "storage" -> stack.storage;
            default -> stack.kafka;
        };
        int trials = FaultLedger.trials(1);
        for (int trial = 1; trial <= trials; trial++) {
            // New bytes every trial, so every snapshot has packs to send when the kill comes; with health data in
            // them, which the leak scan looks for afterwards.
            byte[] changed = new byte[4 << 20];
            random.nextBytes(changed);
            byte[] phi = PHI.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int at = 0; at + phi.length < changed.length; at += 1 << 16) {
                System.arraycopy(phi, 0, changed, at, phi.length);
            }
            Files.write(stack.host.resolve(CHANGING), changed);
            String killedDuring = stack.snapshot();
            int delay = random.nextInt(1500);
            Thread.sleep(delay);
            Instant killed = Instant.now();
            process.kill();
            process.start();

            String note = "trial " + trial + ", killed after " + delay + " ms";
            String target = killedDuring;
            if (process == stack.collector) {
                target = stack.snapshot(); // the killed process's snapshot died with it
            } else {
                String failure = stack.awaitResult(target, Duration.ofMinutes(4));
                if (failure != null) {
                    note += "; the snapshot failed: " + failure + "; the next one is required to complete";
                    target = stack.snapshot();
                }
            }
            String failure = stack.awaitResult(target, Duration.ofMinutes(4));
            boolean recovered = failure == null && stack.awaitStoredEverywhere(target, Duration.ofMinutes(4));
            Duration toRecover = Duration.between(killed, Instant.now());
            boolean lost = false;
            try {
                for (LocationSpec location : stack.locations) {
                    assertThat(stack.manifests(location, target)).as("manifests of %s in %s", target, location.name())
                            .hasSize(1);
                    assertThat(stack.manifests(location, killedDuring)).as("manifests of the killed snapshot in %s",
                            location.name()).hasSizeLessThanOrEqualTo(1);
                    // Restoring from a copy of an S3 location copies all of it: every fifth trial and the last.
                    if (location.kind() == LocationSpec.Kind.FILESYSTEM || trial % 5 == 0 || trial == trials) {
                        stack.assertRestoresByteForByte(location, target);
                    }
                }
            } catch (AssertionError e) {
                lost = true;
                note += "; " + e.getMessage();
            }
            if (lost || toRecover.compareTo(KEEP_LOGS_OVER) > 0) {
                // a slow or failed trial is one to read afterwards: its logs outlive the stack
                stack.keepLogs(victim + "-trial-" + trial);
                note += "; logs kept in target/faults/logs";
            }
            FaultLedger.record("kill -9 " + victim + " during a snapshot", lost, recovered, toRecover, note);
            assertThat(failure).as(note).isNull();
            assertThat(recovered).as("stored in every location after recovery; " + note).isTrue();
            assertThat(lost).as(note).isFalse();
        }
    }
}
