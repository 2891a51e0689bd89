package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite: a location that answers every request with HTTP 500 for a whole snapshot, one that answers slowly,
 * and a NAS that is full (a small tmpfs: real ENOSPC) until space is freed. Required: the snapshot completes in the
 * healthy locations at once, the faulty one catches up once the fault is gone, with one manifest each, and each
 * location alone restores byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationFaultsLoseNothingTest {

    private static final String CHANGING = "home/ubuntu/cht/couchdb/shards/00000000-15555554/medic-faults.1.couch";

    @TempDir
    static Path work;
    private Path nas;
    private FaultStack stack;
    private final Random random = FaultLedger.random("location fault trials");

    @BeforeAll
    void start() throws Exception {
        Requirements.require("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/bin/mount")),
                "a full NAS is made by mounting a small tmpfs, which needs root (CI runs as root)");
        nas = Files.createDirectories(work.resolve("nas"));
        mount("size=256m");
        stack = new FaultStack(work.resolve("stack"), SharedFixtures.chtHostCopy(work.resolve("host")), true, nas, false);
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (nas != null) {
            new ProcessBuilder("umount", "-l", nas.toString()).start().waitFor();
        }
        FaultLedger.writeTable();
    }

    @Test
    void anS3LocationAnsweringErrorsCatchesUpAfterwards() throws Exception {
        for (int trial = 1; trial <= FaultLedger.trials(1); trial++) {
            trial("S3 location answers HTTP 500 for a whole snapshot", trial,
                    () -> stack.primaryProxy.mode(FaultyProxy.Mode.ERROR_500),
                    () -> stack.primaryProxy.mode(FaultyProxy.Mode.PASS), "primary");
        }
    }

    @Test
    void aSlowS3LocationStillGetsEverySnapshot() throws Exception {
        for (int trial = 1; trial <= FaultLedger.trials(1); trial++) {
            stack.primaryProxy.slowBy(300);
            trial("S3 location answers slowly (0.3 s per 64 KiB sent)", trial,
                    () -> stack.primaryProxy.mode(FaultyProxy.Mode.SLOW),
                    () -> stack.primaryProxy.mode(FaultyProxy.Mode.PASS), null);
        }
    }

    @Test
    void aFullNasCatchesUpWhenSpaceIsFreed() throws Exception {
        for (int trial = 1; trial <= FaultLedger.trials(1); trial++) {
            trial("NAS full (ENOSPC) during a snapshot, then space freed", trial, () -> {
                // What is stored stays; the file system is shrunk to what it holds, so the next write fails.
                long used = Files.getFileStore(nas).getTotalSpace() - Files.getFileStore(nas).getUsableSpace();
                mount("remount,size=" + Math.max(used + 4096, 64 << 10));
            }, () -> mount("remount,size=256m"), "nas");
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /**
     * One trial: fault on, a snapshot with new bytes, stored at once where the fault is not ({@code faulty} names the
     * location that must wait, null when none may), fault off, stored everywhere, one manifest each, and every
     * location restores byte for byte.
     */
    private void trial(String fault, int trial, Step on, Step off, String faulty) throws Exception {
        byte[] changed = new byte[2 << 20];
        random.nextBytes(changed);
        Files.write(stack.host.resolve(CHANGING), changed);
        on.run();
        String snapshot;
        String failure;
        boolean healthyStored;
        Instant faultCleared;
        try {
            snapshot = stack.snapshot();
            failure = stack.awaitResult(snapshot, Duration.ofMinutes(4));
            String[] healthy = stack.locations.stream().map(LocationSpec::name).filter(n -> !n.equals(faulty))
                    .toArray(String[]::new);
            healthyStored = stack.awaitStoredIn(snapshot, Duration.ofMinutes(3), healthy);
            if (faulty != null) {
                Thread.sleep(2000);
                assertThat(stack.manifests(stack.locations.stream().filter(l -> l.name().equals(faulty)).findFirst()
                        .orElseThrow(), snapshot)).as("no manifest in %s while it is faulty", faulty).isEmpty();
            }
        } finally {
            off.run();
            faultCleared = Instant.now();
        }
        boolean recovered = failure == null && healthyStored && stack.awaitStoredEverywhere(snapshot, Duration.ofMinutes(4));
        Duration toRecover = Duration.between(faultCleared, Instant.now());
        String note = "trial " + trial;
        boolean lost = false;
        try {
            for (LocationSpec location : stack.locations) {
                assertThat(stack.manifests(location, snapshot)).as("manifests in %s", location.name()).hasSize(1);
                stack.assertRestoresByteForByte(location, snapshot);
            }
        } catch (AssertionError e) {
            lost = true;
            note += "; " + e.getMessage();
        }
        FaultLedger.record(fault, lost, recovered, toRecover, note);
        assertThat(failure).as("the collector's snapshot; " + note).isNull();
        assertThat(recovered).as("stored everywhere once the fault is gone; " + note).isTrue();
        assertThat(lost).as(note).isFalse();
    }

    private void mount(String options) throws Exception {
        List<String> command = options.startsWith("remount")
                ? List.of("mount", "-o", options, nas.toString())
                : List.of("mount", "-t", "tmpfs", "-o", options, "cht-backup-faults-nas", nas.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
