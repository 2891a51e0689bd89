package org.chtbackup.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.chtbackup.contracts.layout.ObjectLayout;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    /** Four snapshots a day, every six hours, for 90 days, newest 2026-03-31T18:00Z. */
    private static List<String> ninetyDays() {
        List<String> ids = new ArrayList<>();
        Instant newest = Instant.parse("2026-03-31T18:00:00Z");
        for (int i = 0; i < 360; i++) {
            ids.add(ObjectLayout.manifestId(newest.minus(Duration.ofHours(6L * i)), "s" + i));
        }
        return ids;
    }

    @Test
    void keepsTheNewestAndOnePerDayWeekAndMonth() {
        RetentionPolicy policy = new RetentionPolicy(new RetentionSettings(2, 3, 2, 3, Duration.ofHours(24)));
        List<String> kept = new ArrayList<>(policy.keep(ninetyDays()));
        kept.sort(null);
        assertThat(kept).containsExactly(
                "20260131T180000Z-s236",  // monthly: January
                "20260228T180000Z-s124",  // monthly: February
                "20260329T180000Z-s8",    // daily: the 29th; weekly: ISO week 13
                "20260330T180000Z-s4",    // daily: the 30th
                "20260331T120000Z-s1",    // keep-last 2
                "20260331T180000Z-s0");   // keep-last; daily 31st; weekly week 14; monthly March
    }

    @Test
    void allRulesAtZeroKeepEverything() {
        RetentionPolicy policy = new RetentionPolicy(new RetentionSettings(0, 0, 0, 0, Duration.ZERO));
        assertThat(policy.keep(ninetyDays())).hasSize(360);
    }

    @Test
    void anIdWithoutATimeIsAlwaysKept() {
        RetentionPolicy policy = new RetentionPolicy(new RetentionSettings(1, 0, 0, 0, Duration.ZERO));
        assertThat(policy.keep(List.of("20260101T000000Z-a", "20260102T000000Z-b", "legacy-snapshot")))
                .containsExactlyInAnyOrder("20260102T000000Z-b", "legacy-snapshot");
    }
}
