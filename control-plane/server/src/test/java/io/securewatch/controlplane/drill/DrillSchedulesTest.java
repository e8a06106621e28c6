package io.securewatch.controlplane.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DrillSchedulesTest {

    /** Every day at 03:00 UTC. */
    private static final String NIGHTLY = "0 0 3 * * ?";

    private static final Instant CREATED = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);

    @Test
    void firstFireAfterCreationIsDue() {
        // given: created at noon, now just after 03:00 the next day
        Instant now = Instant.parse("2026-12-02T03:00:05Z");

        // when / then
        assertThat(DrillSchedules.due(NIGHTLY, null, CREATED, now, WINDOW))
                .contains(new DrillSchedules.Fire(Instant.parse("2026-12-02T03:00:00Z"), true));
    }

    @Test
    void fireBeforeCreationIsNotDue() {
        // given: the last fire, 03:00 on the day of creation, came before the drill existed
        Instant now = Instant.parse("2026-12-01T18:00:00Z");

        // when / then
        assertThat(DrillSchedules.due(NIGHTLY, null, CREATED, now, WINDOW)).isEmpty();
    }

    @Test
    void handledFireIsNotDueAgain() {
        // given
        Instant handled = Instant.parse("2026-12-02T03:00:00Z");
        Instant now = Instant.parse("2026-12-02T03:00:30Z");

        // when / then
        assertThat(DrillSchedules.due(NIGHTLY, handled, CREATED, now, WINDOW)).isEmpty();
    }

    @Test
    void fireOlderThanWindowIsSkipped() {
        // given: the control plane was down from 02:00 to 05:00
        Instant now = Instant.parse("2026-12-02T05:00:00Z");

        // when / then
        assertThat(DrillSchedules.due(NIGHTLY, null, CREATED, now, WINDOW))
                .contains(new DrillSchedules.Fire(Instant.parse("2026-12-02T03:00:00Z"), false));
    }

    @Test
    void onlyLatestMissedFireCounts() {
        // given: two fires since the last handled one
        Instant handled = Instant.parse("2026-12-02T03:00:00Z");
        Instant now = Instant.parse("2026-12-04T03:10:00Z");

        // when / then
        assertThat(DrillSchedules.due(NIGHTLY, handled, CREATED, now, WINDOW))
                .contains(new DrillSchedules.Fire(Instant.parse("2026-12-04T03:00:00Z"), true));
    }
}
