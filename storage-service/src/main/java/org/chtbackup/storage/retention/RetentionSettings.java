package org.chtbackup.storage.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention rules, the same for every deployment ({@code storage.retention.*}). A snapshot is kept when any rule
 * keeps it. All four counts at zero keep everything: prune never forgets every snapshot.
 *
 * @param keepLast    the newest N snapshots ({@code keep-last}, default 7)
 * @param keepDaily   the newest snapshot of each of the last N days that have one ({@code keep-daily}, 7)
 * @param keepWeekly  the same per ISO week ({@code keep-weekly}, 4)
 * @param keepMonthly the same per month ({@code keep-monthly}, 6)
 * @param gracePeriod how long a chunk must stay unreferenced before it is deleted, and how long an unfinished
 *                    snapshot's chunks are protected ({@code grace-period}, 24h); longer than any snapshot takes
 */
public record RetentionSettings(@DefaultValue("7") int keepLast, @DefaultValue("7") int keepDaily,
        @DefaultValue("4") int keepWeekly, @DefaultValue("6") int keepMonthly,
        @DefaultValue("24h") Duration gracePeriod) {

    public static RetentionSettings defaults() {
        return new RetentionSettings(7, 7, 4, 6, Duration.ofHours(24));
    }

    public RetentionSettings {
        if (keepLast < 0 || keepDaily < 0 || keepWeekly < 0 || keepMonthly < 0) {
            throw new IllegalArgumentException("storage.retention.keep-* must not be negative");
        }
        gracePeriod = gracePeriod == null ? Duration.ofHours(24) : gracePeriod;
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("storage.retention.grace-period must not be negative");
        }
    }

    boolean keepsEverything() {
        return keepLast == 0 && keepDaily == 0 && keepWeekly == 0 && keepMonthly == 0;
    }
}
