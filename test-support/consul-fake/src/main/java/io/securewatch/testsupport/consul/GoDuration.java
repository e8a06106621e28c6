package io.securewatch.testsupport.consul;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Parses and formats durations the way Go's {@code time.ParseDuration} and {@code Duration.String} do, because
 * Consul reads {@code wait}, {@code TTL} and {@code Interval} values and writes check definitions in that form
 * ("10s", "1m30s", "500ms").
 */
final class GoDuration {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {}

    /** Parses a Go duration string, or returns empty when the text is not one. */
    static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        int position = 0;
        boolean negative = false;
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            negative = text.charAt(0) == '-';
            position = 1;
        }
        if (text.substring(position).equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (position == text.length()) {
            return Optional.empty();
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        while (position < text.length()) {
            int numberStart = position;
            while (position < text.length()
                    && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
                position++;
            }
            String number = text.substring(numberStart, position);
            int unitStart = position;
            while (position < text.length()
                    && !Character.isDigit(text.charAt(position))
                    && text.charAt(position) != '.') {
                position++;
            }
            Long unitNanos = NANOS_PER_UNIT.get(text.substring(unitStart, position));
            if (number.isEmpty() || number.equals(".") || unitNanos == null) {
                return Optional.empty();
            }
            try {
                totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        long nanos = totalNanos.longValue();
        return Optional.of(Duration.ofNanos(negative ? -nanos : nanos));
    }

    /** Formats a duration as Go's {@code Duration.String} does, for example "0s", "1.5s", "1m30s" or "2h0m0s". */
    static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long magnitude = Math.abs(nanos);
        if (magnitude < 1_000L) {
            return sign + magnitude + "ns";
        }
        if (magnitude < 1_000_000L) {
            return sign + decimal(magnitude, 1_000L) + "\u00b5s";
        }
        if (magnitude < 1_000_000_000L) {
            return sign + decimal(magnitude, 1_000_000L) + "ms";
        }
        long hours = magnitude / 3_600_000_000_000L;
        long minutes = (magnitude / 60_000_000_000L) % 60;
        String seconds = decimal(magnitude % 60_000_000_000L, 1_000_000_000L) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + seconds;
    }

    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value)
                .divide(BigDecimal.valueOf(unit))
                .stripTrailingZeros()
                .toPlainString();
    }
}
