package io.securewatch.controlplane.drill;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Optional;

/**
 * Checks drill schedules with cron-utils and its Quartz definition. Quarkus' scheduler (3.33) parses cron expressions
 * with the same library, and its {@code quarkus.scheduler.cron-type} defaults to Quartz, so a stored schedule is one
 * the scheduler accepts.
 */
final class CronSchedules {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private CronSchedules() {}

    /** Returns why the expression is not a valid Quartz cron expression, or empty when it is valid. */
    static Optional<String> problem(String expression) {
        try {
            PARSER.parse(expression).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
