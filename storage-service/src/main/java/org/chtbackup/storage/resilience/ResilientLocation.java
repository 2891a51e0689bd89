package org.chtbackup.storage.resilience;

import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import org.chtbackup.location.Location;
import org.chtbackup.location.LocationException;

/**
 * A {@link Location} behind its own circuit breaker, retry and bulkhead (outermost first). Only retryable
 * {@link LocationException}s are retried and count against the breaker: a missing object is an answer, not a
 * fault. When the breaker is open or the bulkhead full, a call fails at once with a retryable
 * {@link LocationException}, so the caller can queue the work instead of waiting.
 */
public final class ResilientLocation implements Location {

    private final Location delegate;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Retry retry;

    public ResilientLocation(Location delegate, ResilienceSettings settings) {
        this.delegate = delegate;
        String name = delegate.name();
        this.bulkhead = Bulkhead.of("location-" + name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.breaker = CircuitBreaker.of("location-" + name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(Math.min(4, settings.slidingWindow()))
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(ResilientLocation::isFault)
                .build());
        this.retry = Retry.of("location-" + name, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.initialBackoff(), 2.0))
                .retryOnException(ResilientLocation::isFault)
                .build());
    }

    /** Only a retryable location failure is a fault of the location; missing objects and bad keys are not. */
    private static boolean isFault(Throwable e) {
        return e instanceof LocationException le && le.retryable();
    }

    /** The breaker's state, for reports: CLOSED, OPEN, HALF_OPEN. */
    public String state() {
        return breaker.getState().name();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** Not through the breaker: a location that is down at start is tried again at its first write, not opened. */
    @Override
    public void prepare() {
        delegate.prepare();
    }

    @Override
    public boolean put(String key, byte[] object) {
        return call("PUT", key, () -> delegate.put(key, object));
    }

    @Override
    public InputStream get(String key) {
        return call("GET", key, () -> delegate.get(key));
    }

    @Override
    public boolean exists(String key) {
        return call("HEAD", key, () -> delegate.exists(key));
    }

    @Override
    public List<String> list(String prefix) {
        return call("LIST", prefix, () -> delegate.list(prefix));
    }

    @Override
    public void delete(String key) {
        call("DELETE", key, () -> {
            delegate.delete(key);
            return null;
        });
    }

    private <T> T call(String operation, String key, Supplier<T> call) {
        // The breaker counts operations that failed after their retries, so a location that merely drops some
        // requests stays in use, while one that fails whole operations is cut off quickly.
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker,
                Retry.decorateSupplier(retry, Bulkhead.decorateSupplier(bulkhead, call)));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new LocationException("location '" + name() + "' is unavailable (circuit open after repeated "
                    + "failures) for " + operation + " " + key + " — it is retried from its backlog", true, e);
        } catch (BulkheadFullException e) {
            throw new LocationException("location '" + name() + "' is busy (" + operation + " " + key
                    + " refused: too many calls in flight) — it is retried from its backlog", true, e);
        }
    }

    @Override
    public String toString() {
        return "ResilientLocation[" + name() + " " + state() + "]";
    }
}
