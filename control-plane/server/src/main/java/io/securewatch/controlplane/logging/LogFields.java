package io.securewatch.controlplane.logging;

import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Logs a constant message with key-value fields. The fields join the record's logging context, so the JSON format
 * shows them as separate {@code mdc} entries and the text format prints them after the message. Values are
 * logged with {@code String.valueOf}; never pass a secret.
 */
public final class LogFields {

    private static final String FQCN = LogFields.class.getName();

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
        // The fields go on the record itself rather than into the MDC: on a Vert.x event loop outside a request,
        // what MDC.put stores is not always what the record's MDC copy reads.
        ExtLogRecord record = new ExtLogRecord(julLevel(level), message, ExtLogRecord.FormatStyle.NO_FORMAT, FQCN);
        record.setLoggerName(logger.getName());
        record.setThrown(error);
        record.copyMdc();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                record.putMdc((String) keyValues[i], String.valueOf(keyValues[i + 1]));
            }
        }
        org.jboss.logmanager.Logger.getLogger(logger.getName()).log(record);
    }

    private static java.util.logging.Level julLevel(Logger.Level level) {
        return switch (level) {
            case FATAL -> org.jboss.logmanager.Level.FATAL;
            case ERROR -> org.jboss.logmanager.Level.ERROR;
            case WARN -> org.jboss.logmanager.Level.WARN;
            case INFO -> org.jboss.logmanager.Level.INFO;
            case DEBUG -> org.jboss.logmanager.Level.DEBUG;
            case TRACE -> org.jboss.logmanager.Level.TRACE;
        };
    }
}
