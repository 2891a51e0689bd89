package org.chtbackup.verify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.chtbackup.contracts.events.DrillCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where every drill result goes: the reports first, then listeners added later (repairs), each isolated. */
final class ReportSink implements Consumer<DrillCompleted> {

    private static final Logger log = LoggerFactory.getLogger(ReportSink.class);

    private final Consumer<DrillCompleted> reports;
    private final List<Consumer<DrillCompleted>> listeners = new CopyOnWriteArrayList<>();

    ReportSink(Consumer<DrillCompleted> reports) {
        this.reports = reports;
    }

    void then(Consumer<DrillCompleted> listener) {
        listeners.add(listener);
    }

    @Override
    public void accept(DrillCompleted drill) {
        reports.accept(drill);
        for (Consumer<DrillCompleted> listener : listeners) {
            try {
                listener.accept(drill);
            } catch (RuntimeException e) {
                log.warn("acting on drill {} failed: {}", drill.drillId(), e.getMessage());
            }
        }
    }
}
