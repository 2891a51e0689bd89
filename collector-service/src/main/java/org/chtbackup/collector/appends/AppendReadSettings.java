package org.chtbackup.collector.appends;

import java.time.Duration;

/**
 * @param enabled       read append-only files from where the last read ended; false reads every byte every time
 * @param fullReadEvery each append-only file is read in full at least this often anyway, and the full read is
 *                      compared with what the shortcut would have assumed
 */
public record AppendReadSettings(boolean enabled, Duration fullReadEvery) {

    public static final AppendReadSettings DEFAULT = new AppendReadSettings(true, Duration.ofHours(24));

    public AppendReadSettings {
        if (fullReadEvery == null || fullReadEvery.isNegative() || fullReadEvery.isZero()) {
            throw new IllegalArgumentException("collector.append-reads.full-read-every must be a positive duration");
        }
    }
}
