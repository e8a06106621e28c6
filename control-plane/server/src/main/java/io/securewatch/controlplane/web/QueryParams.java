package io.securewatch.controlplane.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parses filter query parameters, rejecting bad values with a 400 that names the parameter. */
public final class QueryParams {

    /**
     * Bounds of the instants an RFC 3339 timestamp can name, whose year has four digits. {@link Instant#parse} also
     * accepts years up to ±1,000,000,000, which PostgreSQL rejects (year 294277) or the reactive driver silently
     * turns into another instant (year 1,000,000,000).
     */
    private static final Instant MIN_TIMESTAMP = Instant.parse("0000-01-01T00:00:00Z");

    private static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private QueryParams() {}

    /** Returns the value when it matches the pattern, empty when absent. */
    public static Optional<String> matching(String name, String value, String regex, String expectation) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!Pattern.matches(regex, value)) {
            throw ApiException.invalid(name, expectation);
        }
        return Optional.of(value);
    }

    /** Parses an enum from its JSON spelling (lowercase), empty when absent. */
    public static <E extends Enum<E>> Optional<E> enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (wireName(constant).equals(value)) {
                return Optional.of(constant);
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(QueryParams::wireName)
                .collect(Collectors.joining(", "));
        throw ApiException.invalid(name, "must be one of: " + allowed);
    }

    /** Returns the spelling of an enum constant in JSON and query parameters: lowercase, words joined by '-'. */
    private static String wireName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an RFC 3339 timestamp such as 2026-01-31T12:00:00Z, empty when absent. */
    public static Optional<Instant> instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an RFC 3339 timestamp, such as 2026-01-31T12:00:00Z");
        }
        if (!isInTimestampRange(parsed)) {
            throw ApiException.invalid(
                    name, "must be a timestamp in the years 0000 to 9999, such as 2026-01-31T12:00:00Z");
        }
        return Optional.of(parsed);
    }

    /** Tells whether the instant lies in the years 0000 to 9999, which RFC 3339 timestamps and the database cover. */
    public static boolean isInTimestampRange(Instant instant) {
        return !instant.isBefore(MIN_TIMESTAMP) && !instant.isAfter(MAX_TIMESTAMP);
    }
}
