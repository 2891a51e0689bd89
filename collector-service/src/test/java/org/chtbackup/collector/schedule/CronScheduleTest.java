package org.chtbackup.collector.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class CronScheduleTest {

    @Test
    void theNextSnapshotIsAtTheNextTimeTheExpressionNames() {
        CronSchedule nightly = new CronSchedule("0 30 2 * * *", null, Clock.systemUTC());

        ZonedDateTime next = nightly.next(ZonedDateTime.of(2025, 3, 1, 14, 0, 0, 0, ZoneOffset.UTC));

        assertThat(next).isEqualTo(ZonedDateTime.of(2025, 3, 2, 2, 30, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void aBadExpressionIsRefusedNamingTheKeyAndTheFormat() {
        assertThatThrownBy(() -> new CronSchedule("every night", null, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("collector.schedule").hasMessageContaining("six fields");
    }

    @Test
    void theCommandAcceptsOnlySnapshotOnce() {
        assertThat(SnapshotCommand.requested(new String[] {"snapshot", "--once"})).isTrue();
        assertThat(SnapshotCommand.usageError(new String[] {"snapshot", "--once", "--collector.deployment-id=x"})).isNull();
        assertThat(SnapshotCommand.usageError(new String[] {"snapshot"})).contains("usage");
        assertThat(SnapshotCommand.usageError(new String[] {"snapshot", "--twice"})).contains("usage");
    }
}
