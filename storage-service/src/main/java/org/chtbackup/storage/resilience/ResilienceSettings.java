package org.chtbackup.storage.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard storage tries one location before it queues the object in that location's backlog
 * ({@code storage.resilience.*}; the same for every location).
 *
 * @param maxAttempts          calls per operation, first one included ({@code max-attempts}, default 3)
 * @param initialBackoff       wait before the second attempt, doubled after each ({@code initial-backoff}, 200ms)
 * @param failureRateThreshold percentage of failed calls that opens the breaker ({@code failure-rate-threshold}, 50)
 * @param slidingWindow        calls the failure rate is measured over ({@code sliding-window}, 10)
 * @param openDuration         how long an open breaker refuses calls before letting a few through ({@code open-duration}, 10s)
 * @param maxConcurrentCalls   calls in flight to one location at once; more are refused at once ({@code max-concurrent-calls}, 8)
 * @param writeTimeout         how long one object waits for one location before it goes to the backlog ({@code write-timeout}, 30s)
 */
public record ResilienceSettings(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration initialBackoff,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("10") int slidingWindow,
        @DefaultValue("10s") Duration openDuration,
        @DefaultValue("8") int maxConcurrentCalls,
        @DefaultValue("30s") Duration writeTimeout) {

    public static ResilienceSettings defaults() {
        return new ResilienceSettings(3, Duration.ofMillis(200), 50, 10, Duration.ofSeconds(10), 8,
                Duration.ofSeconds(30));
    }

    public ResilienceSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("storage.resilience.max-attempts must be at least 1, not " + maxAttempts);
        }
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("storage.resilience.max-concurrent-calls must be at least 1");
        }
        if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("storage.resilience.failure-rate-threshold must be in (0, 100]");
        }
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        openDuration = openDuration == null ? Duration.ofSeconds(10) : openDuration;
        writeTimeout = writeTimeout == null ? Duration.ofSeconds(30) : writeTimeout;
        slidingWindow = slidingWindow < 1 ? 10 : slidingWindow;
    }
}
