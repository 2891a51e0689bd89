package org.chtbackup.collector.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.chtbackup.collector.snapshot.SnapshotInProgressException;
import org.chtbackup.collector.snapshot.SnapshotTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts a snapshot at each time of a cron expression (Spring's six fields: second minute hour day month
 * weekday). A time that comes while a snapshot still runs is skipped and logged, not queued.
 */
public final class CronSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CronSchedule.class);

    private final CronExpression cron;
    private final String expression;
    private final SnapshotTrigger trigger;
    private final Clock clock;
    private final ScheduleThread thread = new ScheduleThread("snapshot-schedule");

    /** @throws IllegalArgumentException naming the key when the expression is not valid */
    public CronSchedule(String expression, SnapshotTrigger trigger, Clock clock) {
        try {
            this.cron = CronExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("collector.schedule '" + expression + "' is not a cron expression "
                    + "(six fields: second minute hour day month weekday, e.g. '0 0 2 * * *'): " + e.getMessage(), e);
        }
        this.expression = expression;
        this.trigger = trigger;
        this.clock = clock;
    }

    /** The next time a snapshot starts after {@code from}. */
    public ZonedDateTime next(ZonedDateTime from) {
        return cron.next(from);
    }

    @Override
    public synchronized void start() {
        thread.start();
        scheduleNext();
    }

    private synchronized void scheduleNext() {
        ScheduledExecutorService executor = thread.running();
        if (executor == null) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime next = next(now);
        if (next == null) {
            log.warn("collector.schedule '{}' has no future time: no scheduled snapshots", expression);
            return;
        }
        long delay = Math.max(0, Duration.between(now, next).toMillis());
        executor.schedule(this::fire, delay, TimeUnit.MILLISECONDS);
        log.info("next scheduled snapshot at {}", next);
    }

    private void fire() {
        try {
            String id = trigger.start();
            log.info("scheduled snapshot {} started", id);
        } catch (SnapshotInProgressException e) {
            log.warn("scheduled snapshot skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("scheduled snapshot could not start: {}", e.getClass().getSimpleName());
        } finally {
            scheduleNext();
        }
    }

    @Override
    public synchronized void stop() {
        thread.stop();
    }

    @Override
    public boolean isRunning() {
        return thread.isRunning();
    }
}
