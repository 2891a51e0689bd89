package org.chtbackup.collector.schedule;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one daemon thread a schedule runs on, started and stopped with the application (the schedules'
 * {@code SmartLifecycle} delegates here).
 */
final class ScheduleThread {

    private final String name;
    private ScheduledExecutorService executor;

    ScheduleThread(String name) {
        this.name = name;
    }

    synchronized ScheduledExecutorService start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        return executor;
    }

    /** The running executor, or null once stopped. */
    synchronized ScheduledExecutorService running() {
        return executor == null || executor.isShutdown() ? null : executor;
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    synchronized boolean isRunning() {
        return executor != null;
    }
}
