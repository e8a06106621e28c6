package io.securewatch.controlplane.drill;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Decides when a drill's schedule is due, as pure code. Schedules are Quartz cron expressions in UTC. */
final class DrillSchedules {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private DrillSchedules() {}

    /**
     * A fire of a schedule that has no run yet.
     *
     * @param start false when the fire lies further back than the misfire window, such as after a long outage: it
     *     is recorded without a run, so that a stale practice run does not start at an unexpected time
     */
    record Fire(Instant at, boolean start) {}

    /**
     * Returns the latest fire at or before now that is newer than both the last handled fire and the drill's
     * creation, or empty when there is none.
     */
    static Optional<Fire> due(
            String schedule, Instant lastHandled, Instant createdAt, Instant now, Duration misfireWindow) {
        ExecutionTime times = ExecutionTime.forCron(PARSER.parse(schedule));
        Optional<Instant> last = times.lastExecution(now.atZone(ZoneOffset.UTC)).map(time -> time.toInstant());
        Instant after = lastHandled == null || lastHandled.isBefore(createdAt) ? createdAt : lastHandled;
        if (last.isEmpty() || !last.get().isAfter(after)) {
            return Optional.empty();
        }
        return Optional.of(new Fire(last.get(), !last.get().isBefore(now.minus(misfireWindow))));
    }
}
