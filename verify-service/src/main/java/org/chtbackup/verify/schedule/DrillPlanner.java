package org.chtbackup.verify.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Decides which (deployment, location) pairs are due. A location is due when its last drill is older than
 * {@code everyLocationPeriod} (or it was never drilled); a deployment whose newest snapshot has not been drilled
 * from any location within {@code newestPeriod} gets one drill from the location drilled longest ago.
 */
public final class DrillPlanner {

    /** Drill the newest snapshot of {@code deploymentId} from {@code location}. */
    public record Due(String deploymentId, String location, String why) {
    }

    private final Duration everyLocationPeriod;
    private final Duration newestPeriod;

    public DrillPlanner(Duration everyLocationPeriod, Duration newestPeriod) {
        this.everyLocationPeriod = everyLocationPeriod;
        this.newestPeriod = newestPeriod;
    }

    /**
     * @param lastDrill when (deployment, location) last finished a drill of any snapshot, empty if never
     */
    public List<Due> plan(List<String> deployments, List<String> locations,
                          BiFunction<String, String, Optional<Instant>> lastDrill, Instant now) {
        List<Due> due = new ArrayList<>();
        for (String deployment : new LinkedHashSet<>(deployments)) {
            Set<String> planned = new LinkedHashSet<>();
            for (String location : locations) {
                Optional<Instant> last = lastDrill.apply(deployment, location);
                if (last.isEmpty() || !last.get().plus(everyLocationPeriod).isAfter(now)) {
                    due.add(new Due(deployment, location, last.isEmpty() ? "never drilled"
                            : "last drilled " + last.get() + ", period " + everyLocationPeriod));
                    planned.add(location);
                }
            }
            if (!planned.isEmpty() || locations.isEmpty()) {
                continue;
            }
            Instant newestDrill = locations.stream().map(l -> lastDrill.apply(deployment, l).orElse(Instant.MIN))
                    .max(Comparator.naturalOrder()).orElse(Instant.MIN);
            if (!newestDrill.plus(newestPeriod).isAfter(now)) {
                String oldest = locations.stream()
                        .min(Comparator.comparing(l -> lastDrill.apply(deployment, l).orElse(Instant.MIN)))
                        .orElseThrow();
                due.add(new Due(deployment, oldest, "newest snapshot not drilled within " + newestPeriod));
            }
        }
        return due;
    }
}
