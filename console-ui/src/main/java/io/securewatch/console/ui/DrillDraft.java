package io.securewatch.console.ui;

import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.api.v1.DrillRequest.Mode;
import io.securewatch.api.v1.DrillRequest.Scope;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.api.v1.Problem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A drill being filled in by the drill editor, with the checks that need no API call: required fields, name
 * patterns, list sizes and the guardrails' ranges. The API still checks that the target, the
 * services and the tenants exist and that the schedule parses, and its errors name the same field paths as these
 * checks do, such as {@code guardrails.maxDurationSeconds}.
 */
final class DrillDraft {

    // Ranges of the guardrails, copied from the @Min and @Max constraints of DrillRequest.Guardrails
    static final int MAX_PERCENT = 100;
    static final int MIN_ACK_TIMEOUT_SECONDS = 1;
    static final int MAX_ACK_TIMEOUT_SECONDS = 3600;
    static final int MIN_MAX_DURATION_SECONDS = 60;
    static final int MAX_SECONDS = 86_400;

    static final String DNS_LABEL_MESSAGE =
            "must be a DNS label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit";

    private static final int MAX_DNS_LABEL_LENGTH = 63;
    private static final int MAX_TENANT_SLUG_LENGTH = 56;
    private static final int MAX_SCHEDULE_LENGTH = 200;

    String name = "";
    Type type;
    String target;
    String services = "";
    String tenants = "";
    Integer minSurvivorHeadroomPercent;
    Integer maxErrorRatePercent;
    Integer ackTimeoutSeconds;
    Integer maxDurationSeconds;
    Integer observationSeconds;
    Mode mode = Mode.DRY_RUN;
    String schedule = "";

    /** Returns a draft with every field of an existing drill, to edit it. */
    static DrillDraft of(Drill drill) {
        DrillDraft draft = new DrillDraft();
        draft.name = drill.name();
        draft.type = drill.type();
        draft.target = drill.target();
        Scope scope = drill.scope() == null ? Scope.EVERYTHING : drill.scope().withDefaults();
        draft.services = String.join(", ", scope.services());
        draft.tenants = String.join(", ", scope.tenants());
        Guardrails guardrails = drill.guardrails() == null
                ? Guardrails.DEFAULTS
                : drill.guardrails().withDefaults();
        draft.minSurvivorHeadroomPercent = guardrails.minSurvivorHeadroomPercent();
        draft.maxErrorRatePercent = guardrails.maxErrorRatePercent();
        draft.ackTimeoutSeconds = guardrails.ackTimeoutSeconds();
        draft.maxDurationSeconds = guardrails.maxDurationSeconds();
        draft.observationSeconds = guardrails.observationSeconds();
        draft.mode = drill.mode() == null ? Mode.DRY_RUN : drill.mode();
        draft.schedule = drill.schedule() == null ? "" : drill.schedule();
        return draft;
    }

    /** Returns the problems of the draft, each named by its field path in the request; empty when it can be sent. */
    List<FieldError> check() {
        List<FieldError> errors = new ArrayList<>();
        String trimmedName = name.strip();
        if (trimmedName.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (!trimmedName.matches(ApiPatterns.DNS_LABEL)) {
            errors.add(new FieldError("name", DNS_LABEL_MESSAGE));
        }
        if (type == null) {
            errors.add(new FieldError("type", "is required"));
        }
        if (target == null || target.isBlank()) {
            errors.add(new FieldError("target", "is required; choose the " + targetKind() + " the drill acts on"));
        }
        checkEntries(errors, "scope.services", "service", entries(services), MAX_DNS_LABEL_LENGTH);
        checkEntries(errors, "scope.tenants", "tenant", entries(tenants), MAX_TENANT_SLUG_LENGTH);
        checkGuardrails(errors);
        checkSchedule(errors);
        return errors;
    }

    /** Returns the request the draft describes. Empty guardrails are sent as null, and the API applies defaults. */
    DrillRequest request() {
        return new DrillRequest(
                name.strip(),
                type,
                target,
                new Scope(entries(services), entries(tenants)),
                new Guardrails(
                        minSurvivorHeadroomPercent,
                        maxErrorRatePercent,
                        ackTimeoutSeconds,
                        maxDurationSeconds,
                        observationSeconds),
                mode,
                schedule.isBlank() ? null : schedule.strip());
    }

    /** Splits a comma-separated list into its non-blank entries, trimmed, in the order given. */
    static List<String> entries(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    private String targetKind() {
        return type == null ? "region, cluster or service" : type.targetKind();
    }

    /**
     * Checks a scope list as the API does: at most {@link DrillRequest#MAX_SCOPE_ENTRIES} entries, each a DNS label
     * no longer than the given length, none twice.
     */
    private static void checkEntries(
            List<FieldError> errors, String field, String kind, List<String> entries, int maxLength) {
        if (entries.size() > DrillRequest.MAX_SCOPE_ENTRIES) {
            errors.add(new FieldError(field, "must list at most " + DrillRequest.MAX_SCOPE_ENTRIES + " " + kind + "s"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            if (entry.length() > maxLength || !entry.matches(ApiPatterns.DNS_LABEL)) {
                errors.add(new FieldError(field, kind + " '" + entry + "' " + labelRule(maxLength)));
                return;
            }
            if (!seen.add(entry)) {
                errors.add(new FieldError(field, kind + " '" + entry + "' is listed twice"));
                return;
            }
        }
    }

    private static String labelRule(int maxLength) {
        return maxLength < MAX_DNS_LABEL_LENGTH
                ? "must be a DNS label of at most " + maxLength + " characters: lowercase letters, digits or '-',"
                        + " starting and ending with a letter or digit"
                : DNS_LABEL_MESSAGE;
    }

    private void checkGuardrails(List<FieldError> errors) {
        checkRange(errors, "guardrails.minSurvivorHeadroomPercent", minSurvivorHeadroomPercent, 0, MAX_PERCENT);
        checkRange(errors, "guardrails.maxErrorRatePercent", maxErrorRatePercent, 0, MAX_PERCENT);
        checkRange(
                errors,
                "guardrails.ackTimeoutSeconds",
                ackTimeoutSeconds,
                MIN_ACK_TIMEOUT_SECONDS,
                MAX_ACK_TIMEOUT_SECONDS);
        checkRange(errors, "guardrails.maxDurationSeconds", maxDurationSeconds, MIN_MAX_DURATION_SECONDS, MAX_SECONDS);
        checkRange(errors, "guardrails.observationSeconds", observationSeconds, 0, MAX_SECONDS);
        int maxDuration = Objects.requireNonNullElse(maxDurationSeconds, Guardrails.DEFAULT_MAX_DURATION_SECONDS);
        int observation = Objects.requireNonNullElse(observationSeconds, Guardrails.DEFAULT_OBSERVATION_SECONDS);
        boolean observationOutOfRange =
                errors.stream().anyMatch(error -> error.field().equals("guardrails.observationSeconds"));
        if (observation >= maxDuration && !observationOutOfRange) {
            errors.add(new FieldError(
                    "guardrails.observationSeconds",
                    "must be less than the maximum duration (" + maxDuration
                            + " s), because observation is part of a run's duration"));
        }
    }

    private static void checkRange(List<FieldError> errors, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be from " + min + " to " + max));
        }
    }

    /**
     * Checks what a Quartz cron expression must have whatever its values: six or seven fields separated by spaces.
     * Whether each field's value is valid is left to the API, which parses the expression as its scheduler does.
     */
    private void checkSchedule(List<FieldError> errors) {
        String expression = schedule.strip();
        if (expression.isEmpty()) {
            return;
        }
        if (expression.length() > MAX_SCHEDULE_LENGTH) {
            errors.add(new FieldError("schedule", "must be at most " + MAX_SCHEDULE_LENGTH + " characters"));
        } else if (!expression.matches(ApiPatterns.DISPLAY_TEXT)) {
            errors.add(new FieldError("schedule", "must not contain control or formatting characters"));
        } else {
            int fields = expression.split("\\s+").length;
            if (fields < 6 || fields > 7) {
                errors.add(new FieldError(
                        "schedule",
                        "must be a Quartz cron expression of 6 or 7 fields (seconds, minutes, hours, day of month,"
                                + " month, day of week, optional year), such as '0 0 3 ? * MON'; this one has "
                                + fields));
            }
        }
    }
}
