package org.chtbackup.verify.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.layout.ObjectLayout;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationSpec;
import org.chtbackup.verify.drill.DrillChecks;
import org.chtbackup.verify.drill.DrillRunner;
import org.chtbackup.verify.drill.ReportPrivacy;
import org.chtbackup.verify.queue.DrillQueue;
import org.chtbackup.verify.report.FleetState;
import org.chtbackup.verify.restore.SnapshotRestorer;
import org.chtbackup.verify.schedule.DrillPlanner;
import org.chtbackup.verify.schedule.DrillScheduler;
import org.chtbackup.verify.schedule.SnapshotDrills;
import org.chtbackup.verify.scratch.FirstAvailableScratchCouchDb;
import org.chtbackup.verify.testing.StoredSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One location loses a chunk, the other is sound: verify asks storage to repair the broken copy from the sound
 * one (over HTTP; storage's endpoint is not released yet, so a JDK HTTP server plays it and copies the objects
 * between the two real filesystem locations) and drills the broken location again, which then has no failure.
 */
class FailedLocationIsRepairedAndDrilledAgainTest {

    @TempDir
    Path work;

    @Test
    void repairIsRequestedOnceAndTheReDrillFindsTheCopyWhole() throws Exception {
        Location good = fs("primary");
        Location broken = fs("nas");
        Instant created = Instant.parse("2026-03-01T02:00:00Z");
        String key = StoredSnapshots.store(good, "snap-r", created, null, null);
        for (String k : good.list(StoredSnapshots.DEPLOYMENT + "/")) { // storage writes the same objects everywhere
            try (InputStream in = good.get(k)) {
                broken.put(k, in.readAllBytes());
            }
        }
        List<String> chunks = broken.list(ObjectLayout.packsPrefix(StoredSnapshots.DEPLOYMENT));
        broken.delete(chunks.get(chunks.size() / 2));

        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/storage/repair/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            try (InputStream body = exchange.getRequestBody()) {
                requests.add(new String(body.readAllBytes()));
            }
            for (String k : good.list(StoredSnapshots.DEPLOYMENT + "/")) {
                try (InputStream in = good.get(k)) {
                    broken.put(k, in.readAllBytes());
                }
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        storage.start();
        LinkedBlockingQueue<DrillCompleted> drills = new LinkedBlockingQueue<>();
        DrillScheduler[] scheduler = new DrillScheduler[1];
        RepairCoordinator repairs = new RepairCoordinator(
                new HttpRepairClient(URI.create("http://127.0.0.1:" + storage.getAddress().getPort()), "api-token"),
                redrill -> scheduler[0].redrill(redrill, Duration.ZERO));
        DrillRunner runner = new DrillRunner(Map.of("primary", good, "nas", broken),
                new SnapshotRestorer(StoredSnapshots.decryptor()),
                new DrillChecks(new FirstAvailableScratchCouchDb(List.of()), 1), work.resolve("scratch"), false,
                new ReportPrivacy(new byte[32]), d -> {
                    drills.add(d);
                    repairs.onDrill(d);
                }, Clock.systemUTC());
        SnapshotDrills snapshots = new SnapshotDrills(runner);
        DrillQueue queue = new DrillQueue(work.resolve("queue"), snapshots, 1, Duration.ofDays(30), Clock.systemUTC());
        scheduler[0] = new DrillScheduler(queue, new FleetState(), new DrillPlanner(Duration.ofDays(7),
                Duration.ofDays(1)), List::of, List.of("primary", "nas"), Clock.systemUTC());
        try {
            assertThat(runner.drill(StoredSnapshots.DEPLOYMENT, "snap-r", "nas", key).result())
                    .isEqualTo(DrillCompleted.Result.FAIL);
            assertThat(snapshots.drillNow(StoredSnapshots.DEPLOYMENT, "primary", "snap-r")).get()
                    .extracting(DrillCompleted::failures).asList().isEmpty();

            drills.poll(5, TimeUnit.SECONDS);
            drills.poll(5, TimeUnit.SECONDS);
            DrillCompleted again = drills.poll(60, TimeUnit.SECONDS);
            assertThat(again).isNotNull();
            assertThat(again.location()).isEqualTo("nas");
            assertThat(again.failures()).isEmpty();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(0)).isEqualTo("POST /storage/repair/clinic-7/snap-r Bearer api-token");
            assertThat(requests.get(1)).contains("\"location\":\"nas\"").contains("\"source\":\"primary\"");
        } finally {
            scheduler[0].close();
            queue.close();
            storage.stop(0);
        }
    }

    private Location fs(String name) {
        return new LocationSpec(name, LocationSpec.Kind.FILESYSTEM, null, null, null, null, null, work.resolve(name),
                "disk", false).open();
    }
}
