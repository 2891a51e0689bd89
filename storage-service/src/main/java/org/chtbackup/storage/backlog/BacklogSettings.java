package org.chtbackup.storage.backlog;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How each location's catch-up consumer retries ({@code storage.backlog.*}).
 *
 * @param retryInterval        first wait after a failed re-put ({@code retry-interval}, default 2s); doubles
 * @param maxRetryInterval     longest wait between re-puts while a location stays down ({@code max-retry-interval}, 30s)
 * @param missingChunkWait     how long a location's catch-up keeps trying a manifest whose packs are in no
 *                             location before it reports the snapshot FAILED there ({@code missing-chunk-wait},
 *                             15m). Its packs may still be on their way: a manifest goes to the backlog at once
 *                             when its thread reads several partitions, and after a restart every partition may
 *                             hold a long queue.
 * @param manifestWait         how long a manifest that arrived before some of its packs waits for them in the
 *                             writer before it goes to the backlog ({@code manifest-wait}, 2m). Packs of one
 *                             snapshot travel on every partition, so its manifest often overtakes the last ones.
 */
public record BacklogSettings(@DefaultValue("2s") Duration retryInterval, @DefaultValue("30s") Duration maxRetryInterval,
        @DefaultValue("15m") Duration missingChunkWait, @DefaultValue("2m") Duration manifestWait) {

    public static BacklogSettings defaults() {
        return new BacklogSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(15),
                Duration.ofMinutes(2));
    }

    public BacklogSettings {
        manifestWait = manifestWait == null ? Duration.ofMinutes(2) : manifestWait;
        if (manifestWait.compareTo(Duration.ofMinutes(4)) > 0) {
            throw new IllegalArgumentException("storage.backlog.manifest-wait must be under 4 minutes "
                    + "(Kafka's max.poll.interval.ms), not " + manifestWait);
        }
        retryInterval = retryInterval == null ? Duration.ofSeconds(2) : retryInterval;
        maxRetryInterval = maxRetryInterval == null ? Duration.ofSeconds(30) : maxRetryInterval;
        missingChunkWait = missingChunkWait == null ? Duration.ofMinutes(15) : missingChunkWait;
        if (maxRetryInterval.compareTo(Duration.ofMinutes(4)) > 0) {
            throw new IllegalArgumentException("storage.backlog.max-retry-interval must be under 4 minutes "
                    + "(Kafka's max.poll.interval.ms), not " + maxRetryInterval);
        }
    }
}
