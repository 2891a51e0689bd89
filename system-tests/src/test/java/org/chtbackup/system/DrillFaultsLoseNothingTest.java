package org.chtbackup.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Fault suite, the verifying side: the fault stack with verify as its own process, drilling every stored snapshot
 * from every location and asking storage (a process too) to repair what a drill finds broken.
 * <ul>
 *   <li>verify killed with SIGKILL at a random point while it drills: after its restart every location of the
 *       snapshot is still drilled, and no drill finds anything wrong;</li>
 *   <li>a pack corrupted in the NAS location, and one deleted from the offsite S3 location: a drill FAILs naming the
 *       pack, storage repairs the copy from a sound location, the re-drill finds nothing wrong, and the location alone
 *       restores the host byte for byte.</li>
 * </ul>
 * No CouchDB can run here, so a drill with nothing wrong is INCOMPLETE for the scratch boot alone; with a CouchDB it
 * is PASS. Afterwards, the leak scan reads every log, Kafka segment, drill report and queue file, and every
 * service's metrics page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillFaultsLoseNothingTest {

    @TempDir
    static Path work;
    private FaultStack stack;
    /** The stack's location names. */
    private String[] locations;
    private final Random random = FaultLedger.random("drill fault trials");

    @BeforeAll
    void start() throws Exception {
        stack = new FaultStack(work.resolve("stack"), SharedFixtures.chtHostCopy(work.resolve("host")), false, null,
                true);
        locations = stack.locations.stream().map(LocationSpec::name).toArray(String[]::new);
    }

    @AfterAll
    void stop() throws Exception {
        FaultLedger.writeTable();
        if (stack != null) {
            List<Path> left = List.of(stack.work.resolve("logs"), stack.work.resolve("kafka"), stack.reports,
                    stack.work.resolve("verify-data"), stack.work.resolve("metrics"));
            try {
                stack.scrapeMetrics(stack.work.resolve("metrics"));
            } finally {
                stack.close();
            }
            assertThat(LeakScan.find(left, stack.secrets(null))).as("secrets in logs, Kafka, reports or metrics")
                    .isEmpty();
            // The control: the same scan finds the host's password where it is meant to be, in its .env.
            assertThat(LeakScan.find(List.of(stack.host), stack.secrets(null))).as("the scan itself works")
                    .anyMatch(line -> line.endsWith("the host's COUCHDB_PASSWORD"));
        }
    }

    @Test
    @Order(1)
    void verifyKilledWhileDrillingStillDrillsEveryLocation() throws Exception {
        int trials = FaultLedger.trials(1);
        for (int trial = 1; trial <= trials; trial++) {
            String snapshot = stack.snapshot();
            // The kill comes while a drill of this snapshot runs: once verify lists one, within half a second.
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while (!stack.queuedDrills().toString().contains(snapshot) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            int delay = random.nextInt(500);
            Thread.sleep(delay);
            long drilledBefore = drillsDone(snapshot);
            Instant killed = Instant.now();
            stack.verify.kill();
            stack.verify.start();
            assertThat(stack.awaitResult(snapshot, Duration.ofMinutes(4))).as("snapshot " + snapshot).isNull();
            boolean recovered = stack.awaitSoundDrills(snapshot, Instant.EPOCH, Duration.ofMinutes(4), locations);
            Duration toRecover = Duration.between(killed, Instant.now());
            String note = "trial " + trial + ", killed " + delay + " ms after its first drill was queued, with "
                    + drilledBefore + " of " + locations.length + " drills done";
            boolean lost = !recovered || anyFailed(snapshot);
            FaultLedger.record("kill -9 verify while it drills", lost, recovered, toRecover, note);
            assertThat(recovered).as("every location drilled after the restart; " + note).isTrue();
            assertThat(lost).as("a drill found something wrong; " + note).isFalse();
        }
    }

    @Test
    @Order(2)
    void aCorruptedPackInTheNasIsFoundRepairedAndDrilledAgain() throws Exception {
        damagedCopyIsRepaired("nas", "a pack corrupted in the NAS location", (spec, key) -> {
            Path file = spec.path().resolve(key);
            byte[] bytes = Files.readAllBytes(file);
            int at = bytes.length / 2;
            for (int i = at; i < Math.min(bytes.length, at + 64); i++) {
                bytes[i] ^= (byte) 0x5a; // bit rot in the middle of the pack, the size unchanged
            }
            Files.write(file, bytes);
        });
    }

    @Test
    @Order(3)
    void aPackDeletedFromTheOffsiteLocationIsFoundRepairedAndDrilledAgain() throws Exception {
        damagedCopyIsRepaired("offsite", "a pack deleted from the offsite S3 location",
                (spec, key) -> spec.open().delete(key));
    }

    private interface Damage {
        void apply(LocationSpec location, String packKey) throws Exception;
    }

    /**
     * A stored and drilled snapshot; then one of its packs damaged in {@code name}. Required: a drill of that
     * location FAILs naming the pack; verify asks storage to repair it from a sound location and drills it again,
     * finding nothing wrong; and the location alone restores the host byte for byte.
     */
    private void damagedCopyIsRepaired(String name, String fault, Damage damage) throws Exception {
        LocationSpec spec = stack.locations.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
        int trials = FaultLedger.trials(1);
        for (int trial = 1; trial <= trials; trial++) {
            String snapshot = storedSnapshot();
            assertThat(stack.awaitSoundDrills(snapshot, Instant.EPOCH, Duration.ofMinutes(4), locations))
                    .as("the snapshot's first drills, before any damage").isTrue();
            Location location = spec.open();
            List<String> packs = location.list(ObjectLayout.packsPrefix(FaultStack.DEPLOYMENT));
            String pack = packs.get(random.nextInt(packs.size()));
            String packId = ObjectLayout.packIdOf(pack);
            Instant damaged = Instant.now();
            damage.apply(spec, pack);

            JsonNode found = stack.drill(name, snapshot);
            String note = "trial " + trial + ", pack " + packId;
            boolean noticed = found.get("result").asString().equals("FAIL")
                    && found.get("failures").toString().contains(packId);
            boolean recovered = stack.awaitSoundDrills(snapshot, damaged, Duration.ofMinutes(3), name);
            Duration toRecover = Duration.between(damaged, Instant.now());
            boolean lost = !noticed || !recovered;
            try {
                stack.assertRestoresByteForByte(spec, snapshot);
            } catch (AssertionError e) {
                lost = true;
                note += "; " + e.getMessage();
            }
            if (!noticed) {
                note += "; the drill after the damage answered " + found.get("result").asString() + " "
                        + found.get("failures");
            }
            FaultLedger.record(fault + ", found by a drill", lost, recovered, toRecover, note);
            assertThat(noticed).as("the drill after the damage FAILs naming the pack; " + note).isTrue();
            assertThat(recovered).as("repaired and drilled again with nothing wrong; " + note).isTrue();
            assertThat(lost).as(note).isFalse();
        }
    }

    /** A new snapshot of the host, completed and stored in every location. */
    private String storedSnapshot() throws Exception {
        String snapshot = stack.snapshot();
        assertThat(stack.awaitResult(snapshot, Duration.ofMinutes(4))).as("snapshot " + snapshot).isNull();
        assertThat(stack.awaitStoredEverywhere(snapshot, Duration.ofMinutes(4))).as("stored everywhere").isTrue();
        return snapshot;
    }

    private long drillsDone(String snapshot) throws Exception {
        long done = 0;
        for (String name : locations) {
            done += stack.drillReports(snapshot, name, Instant.EPOCH).isEmpty() ? 0 : 1;
        }
        return done;
    }

    private boolean anyFailed(String snapshot) throws Exception {
        for (String name : locations) {
            if (stack.drillReports(snapshot, name, Instant.EPOCH).stream()
                    .anyMatch(d -> !d.get("failures").isEmpty())) {
                return true;
            }
        }
        return false;
    }
}
