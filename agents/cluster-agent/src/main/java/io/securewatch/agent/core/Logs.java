package io.securewatch.agent.core;

import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Logs a constant message with key-value fields, which sit in the logging context for the duration of the call:
 * the JSON log format shows them as fields, the text format after the message. Never pass a secret.
 */
public final class Logs {

    private Logs() {}

    public static void log(Logger logger, Logger.Level level, Throwable error, String message, Object... keyValues) {
        if (!logger.isEnabled(level)) {
            return;
        }
        List<String> added = new ArrayList<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                String key = (String) keyValues[i];
                MDC.put(key, String.valueOf(keyValues[i + 1]));
                added.add(key);
            }
        }
        try {
            logger.log(level, message, error);
        } finally {
            added.forEach(MDC::remove);
        }
    }
}
