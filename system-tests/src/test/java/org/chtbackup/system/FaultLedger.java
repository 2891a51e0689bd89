package org.chtbackup.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault suite's own record: one line per trial in {@code target/faults/trials.tsv}, and the table of
 * docs/reliability.md (fault, trials, lost, recovered, time to recover) rewritten from all of them into
 * {@code target/faults/reliability.md} after each test class.
 */
final class FaultLedger {

    static final Path DIR = Path.of("target", "faults");
    private static final Path TRIALS = DIR.resolve("trials.tsv");

    private FaultLedger() {
    }

    /** Trials per fault: 20 under the {@code faults} profile, fewer in the default build. */
    static int trials(int byDefault) {
        return Integer.getInteger("faults.trials", byDefault);
    }

    /**
     * The random source of one test class's trials: {@code -Dfaults.seed} when given, else a fresh seed, printed so
     * that a run can be repeated.
     */
    static java.util.Random random(String trials) {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        System.out.println(trials + " with seed " + seed + " (-Dfaults.seed to repeat)");
        return new java.util.Random(seed);
    }

    static synchronized void record(String fault, boolean lost, boolean recovered, Duration toRecover, String note) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(TRIALS, String.join("\t", fault, lost ? "lost" : "kept",
                    recovered ? "recovered" : "not-recovered", String.valueOf(toRecover.toMillis()),
                    brief(note)) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the markdown table from every trial recorded so far. */
    static synchronized void writeTable() {
        try {
            if (!Files.exists(TRIALS)) {
                return;
            }
            Map<String, List<String[]>> byFault = new LinkedHashMap<>();
            for (String line : Files.readAllLines(TRIALS, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                byFault.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
            }
            StringBuilder md = new StringBuilder("| fault | trials | lost | recovered | time to recover (median / max) |\n"
                    + "|---|---|---|---|---|\n");
            byFault.forEach((fault, rows) -> {
                long lost = rows.stream().filter(r -> r[1].equals("lost")).count();
                long recovered = rows.stream().filter(r -> r[2].equals("recovered")).count();
                List<Long> times = rows.stream().map(r -> Long.parseLong(r[3])).sorted().toList();
                md.append("| ").append(fault).append(" | ").append(rows.size()).append(" | ").append(lost)
                        .append(" | ").append(recovered).append(" | ")
                        .append(seconds(times.get(times.size() / 2))).append(" / ")
                        .append(seconds(times.get(times.size() - 1))).append(" |\n");
            });
            Files.writeString(DIR.resolve("reliability.md"), md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line: no control characters (a restore's progress bar has carriage returns), at most 400 of them. */
    private static String brief(String note) {
        String line = note.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\[[#.]{30}\\][^\\[]*", "");
        return line.length() <= 400 ? line : line.substring(0, 400) + "…";
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }
}
