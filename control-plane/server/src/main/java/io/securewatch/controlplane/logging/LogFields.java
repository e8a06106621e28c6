package io.securewatch.controlplane.logging;

import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Logs a constant message with key-value fields. The fields go into the logging context for the duration of
 * the call, so the JSON format shows them as separate {@code mdc} entries and the text format prints them after
 * the message. Values are logged with {@code String.valueOf}; never pass a secret.
 */
public final class LogFields {

    private LogFields() {}

    public static void debug(Logger logger, String message, Object... keyValues) {
        log(logger, Logger.Level.DEBUG, null, message, keyValues);
    }

    public static void info(Logger logger, String message, Object... keyValues) {
        log(logger, Logger.Level.INFO, null, message, keyValues);
    }

    public static void warn(Logger logger, Throwable error, String message, Object... keyValues) {
        log(logger, Logger.Level.WARN, error, message, keyValues);
    }

    public static void error(Logger logger, Throwable error, String message, Object... keyValues) {
        log(logger, Logger.Level.ERROR, error, message, keyValues);
    }

    /**
     * Logs at the given level.
     *
     * @param keyValues alternating field names (from {@link LogKeys}) and values; null values are left out
     */
    public static void log(Logger logger, Logger.Level level, Throwable error, String message, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("log fields must come in key-value pairs: " + message);
        }
        if (!logger.isEnabled(level)) {
            return;
        }
        List<Object[]> previous = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                continue;
            }
            String key = (String) keyValues[i];
            previous.add(new Object[] {key, MDC.get(key)});
            MDC.put(key, String.valueOf(keyValues[i + 1]));
        }
        try {
            logger.log(level, message, error);
        } finally {
            for (Object[] entry : previous) {
                if (entry[1] == null) {
                    MDC.remove((String) entry[0]);
                } else {
                    MDC.put((String) entry[0], entry[1]);
                }
            }
        }
    }
}
