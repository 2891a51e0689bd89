package org.chtbackup.verify.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Every location of every deployment is due once per period; otherwise the newest snapshot daily from one. */
class DrillPlannerRotatesLocationsTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    final DrillPlanner planner = new DrillPlanner(Duration.ofDays(7), Duration.ofDays(1));
    final Map<String, Instant> last = new HashMap<>();

    List<DrillPlanner.Due> plan() {
        return planner.plan(List.of("clinic-1", "clinic-2"), List.of("primary", "offsite", "nas"),
                (d, l) -> Optional.ofNullable(last.get(d + "@" + l)), NOW);
    }

    @Test
    void neverDrilledLocationsAreAllDue() {
        assertThat(plan()).hasSize(6).extracting(DrillPlanner.Due::why).containsOnly("never drilled");
    }

    @Test
    void locationsPastTheWeeklyPeriodAreDueOthersNot() {
        for (String d : List.of("clinic-1", "clinic-2")) {
            last.put(d + "@primary", NOW.minus(Duration.ofHours(2)));
            last.put(d + "@offsite", NOW.minus(Duration.ofDays(3)));
            last.put(d + "@nas", NOW.minus(Duration.ofDays(8)));
        }
        assertThat(plan()).extracting(d -> d.deploymentId() + "@" + d.location())
                .containsExactly("clinic-1@nas", "clinic-2@nas");
    }

    @Test
    void withEveryLocationFreshTheNewestIsDrilledDailyFromTheLocationDrilledLongestAgo() {
        for (String d : List.of("clinic-1", "clinic-2")) {
            last.put(d + "@primary", NOW.minus(Duration.ofDays(2)));
            last.put(d + "@offsite", NOW.minus(Duration.ofDays(4)));
            last.put(d + "@nas", NOW.minus(Duration.ofDays(3)));
        }
        last.put("clinic-2@primary", NOW.minus(Duration.ofHours(1)));
        assertThat(plan()).extracting(d -> d.deploymentId() + "@" + d.location()).containsExactly("clinic-1@offsite");
    }
}
