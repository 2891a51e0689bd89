package org.chtbackup.storage.backlog;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How each location's catch-up consumer retries ({@code storage.backlog.*}).
 *
 * @param retryInterval        first wait after a failed re-put ({@code retry-interval}, default 2s); doubles
 * @param maxRetryInterval     longest wait between re-puts while a location stays down ({@code max-retry-interval}, 30s)
 * @param missingChunkAttempts how often a manifest whose chunks are in no location is retried before it is
 *                             reported FAILED ({@code missing-chunk-attempts}, 10)
 */
public record BacklogSettings(@DefaultValue("2s") Duration retryInterval, @DefaultValue("30s") Duration maxRetryInterval,
        @DefaultValue("10") int missingChunkAttempts) {

    public static BacklogSettings defaults() {
        return new BacklogSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), 10);
    }

    public BacklogSettings {
        retryInterval = retryInterval == null ? Duration.ofSeconds(2) : retryInterval;
        maxRetryInterval = maxRetryInterval == null ? Duration.ofSeconds(30) : maxRetryInterval;
        missingChunkAttempts = missingChunkAttempts < 1 ? 10 : missingChunkAttempts;
        if (maxRetryInterval.compareTo(Duration.ofMinutes(4)) > 0) {
            throw new IllegalArgumentException("storage.backlog.max-retry-interval must be under 4 minutes "
                    + "(Kafka's max.poll.interval.ms), not " + maxRetryInterval);
        }
    }
}
