package org.chtbackup.verify.drill;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time of each drill phase, in the order they ran. */
final class Phases {

    private final Clock clock;
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private String current;
    private long startedAt;

    Phases(Clock clock) {
        this.clock = clock;
    }

    void begin(String phase) {
        end();
        current = phase;
        startedAt = clock.millis();
    }

    void end() {
        if (current != null) {
            millis.merge(current, clock.millis() - startedAt, Long::sum);
            current = null;
        }
    }

    Map<String, Long> millis() {
        end();
        return new LinkedHashMap<>(millis);
    }
}
