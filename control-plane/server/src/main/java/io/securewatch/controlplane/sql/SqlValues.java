package io.securewatch.controlplane.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Converts column values of native queries, whose Java types depend on the driver, to the types the code uses. */
public final class SqlValues {

    private SqlValues() {}

    /** Reads a timestamp column; null stays null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException(
                "unexpected timestamp type " + value.getClass().getName());
    }

    /** Reads an integer column that must not be null. */
    public static long number(Object value) {
        return ((Number) value).longValue();
    }
}
