package org.chtbackup.verify.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chtbackup.contracts.events.DrillCompleted;
import org.chtbackup.contracts.testing.Requirements;
import org.chtbackup.contracts.testing.SharedFixtures;
import org.chtbackup.location.LocationSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet page with 200 simulated deployments, rendered by Debian's Chromium headless (.ci/run installs it): the
 * browser's DOM lists the failing first, then the stale, the incomplete and the never drilled, the healthy last,
 * and the "needing attention" view holds exactly those. Screenshots of both views are written to the build folder;
 * with {@code -Dcht.update-screenshots=true} they replace docs/images/fleet-*.png.
 */
class FleetPageInChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final List<String> LOCATIONS = List.of("nas", "s3-offsite", "s3-primary");

    @TempDir
    Path dir;

    @BeforeAll
    static void chromium() {
        Requirements.require(Files.isExecutable(CHROMIUM), "Chromium is not installed; .ci/run installs Debian's"
                + " chromium package");
    }

    /** 200 deployments: 5 failing, 8 stale, 10 incomplete, 3 with a location never drilled, 174 healthy. */
    static FleetState fleet() {
        FleetState state = new FleetState();
        for (int i = 1; i <= 200; i++) {
            String deployment = String.format("clinic-%03d", i);
            boolean stale = i > 5 && i <= 13;
            Instant stored = NOW.minus(stale ? Duration.ofHours(9) : Duration.ofMinutes(20 + i % 40));
            for (String location : LOCATIONS) {
                if (i == 7 && location.equals("s3-offsite")) {
                    continue; // the newest snapshot did not reach that location
                }
                state.stored(deployment, "snap-" + i, location, stored);
                if (i > 23 && i <= 26 && location.equals("s3-offsite")) {
                    continue; // never drilled from there
                }
                for (int day = 4; day >= 0; day--) {
                    DrillCompleted.Result result = DrillCompleted.Result.PASS;
                    if (day == 0 && i <= 5 && location.equals("nas")) {
                        result = DrillCompleted.Result.FAIL;
                    } else if (day == 0 && i > 13 && i <= 23 && location.equals("s3-primary")) {
                        result = DrillCompleted.Result.INCOMPLETE;
                    } else if (day == 2 && i % 17 == 0) {
                        result = DrillCompleted.Result.INCOMPLETE;
                    }
                    Instant finished = NOW.minus(Duration.ofDays(day)).minusSeconds(3600 + i);
                    state.drilled(new DrillCompleted(DrillCompleted.VERSION, deployment + "-" + location + "-" + day,
                            deployment, "snap-" + i, location, result, result == DrillCompleted.Result.FAIL
                            ? List.of("database medic: restored doc_count 7 differs") : List.of(), 120,
                            (long) (1.3e9 + i * 1e7), 60_000 + i * 100L, finished.minusSeconds(60), finished, List.of(),
                            Map.of(), "3.4.3", DrillCompleted.Result.PASS, List.of(), 50_000L, 9_000L, "docker"));
                }
            }
        }
        return state;
    }

    static FleetSummary summary() {
        Map<String, LocationSpec> locations = new LinkedHashMap<>();
        locations.put("nas", new LocationSpec("nas", LocationSpec.Kind.FILESYSTEM, null, null, null, null, null,
                Path.of("/srv/nas"), "disk", false));
        locations.put("s3-offsite", new LocationSpec("s3-offsite", LocationSpec.Kind.FILESYSTEM, null, null, null, null,
                null, Path.of("/x"), "object", true));
        locations.put("s3-primary", new LocationSpec("s3-primary", LocationSpec.Kind.FILESYSTEM, null, null, null,
                null, null, Path.of("/y"), "object", false));
        return new FleetSummary(fleet(), locations, Duration.ofHours(6));
    }

    @Test
    void theBrowserShowsTheFailingFirstThenStaleIncompleteNeverDrilledAndHealthyLast() throws Exception {
        Path page = Files.writeString(dir.resolve("fleet.html"), summary().html(NOW, false));

        List<String> rows = rowClasses(dumpDom(page));

        assertThat(rows).hasSize(200);
        assertThat(rows.subList(0, 5)).containsOnly("FAILING");
        assertThat(rows.subList(5, 13)).containsOnly("STALE");
        assertThat(rows.subList(13, 23)).containsOnly("INCOMPLETE");
        assertThat(rows.subList(23, 26)).containsOnly("NEVER_DRILLED");
        assertThat(rows.subList(26, 200)).containsOnly("HEALTHY");
        String dom = dumpDom(page);
        assertThat(dom).contains("200 deployments: 5 failing, 8 stale, 10 incomplete, 3 never drilled, 174 healthy")
                .contains("P P P P F").contains("1.4 GB").contains("FAIL 1 h ago")
                .contains("newest snapshot not stored here");
        screenshot(page, "fleet-all.png", 1300, 4400);
    }

    @Test
    void theAttentionViewHoldsOnlyTheDeploymentsNeedingIt() throws Exception {
        Path page = Files.writeString(dir.resolve("fleet-attention.html"), summary().html(NOW, true));

        List<String> rows = rowClasses(dumpDom(page));

        assertThat(rows).hasSize(26).doesNotContain("HEALTHY");
        screenshot(page, "fleet-attention.png", 1300, 780);
    }

    private static List<String> rowClasses(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr class=\"row-([A-Z_]+)\">").matcher(dom);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private String dumpDom(Path page) throws Exception {
        return new String(chromium("--dump-dom", page.toUri().toString()), StandardCharsets.UTF_8);
    }

    private void screenshot(Path page, String name, int width, int height) throws Exception {
        Path png = dir.resolve(name);
        chromium("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png,
                page.toUri().toString());
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        assertThat(bytes.length).isGreaterThan(20_000);
        Path build = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(png, build.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("cht.update-screenshots")) {
            Path docs = Files.createDirectories(SharedFixtures.repository().resolve("docs/images"));
            Files.copy(png, docs.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private byte[] chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).redirectInput(new File("/dev/null")).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        return Files.readAllBytes(out);
    }
}
