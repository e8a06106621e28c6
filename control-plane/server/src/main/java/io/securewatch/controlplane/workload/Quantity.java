package io.securewatch.controlplane.workload;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities such as {@code 500m}, {@code 2}, {@code 512Mi} or {@code 1e3}: a decimal
 * number with an optional binary (Ki to Ei), decimal (n to E) or exponent suffix.
 */
final class Quantity {

    private static final Pattern FORMAT = Pattern.compile(
            "^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))((?:[eE][+-]?[0-9]+)|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    /** Longest quantity accepted; real ones are a handful of characters. */
    private static final int MAX_LENGTH = 64;

    private Quantity() {}

    /** Parses a quantity given as a JSON string or number; empty when it is neither or malformed. */
    static Optional<BigDecimal> parse(Object value) {
        if (value instanceof Number number) {
            return Optional.of(new BigDecimal(number.toString()));
        }
        if (!(value instanceof String text) || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String suffix = matcher.group(2) == null ? "" : matcher.group(2);
        BigDecimal number = new BigDecimal(matcher.group(1));
        if (suffix.startsWith("e") || suffix.startsWith("E") && suffix.length() > 1) {
            int exponent = Integer.parseInt(suffix.substring(1));
            if (Math.abs(exponent) > 30) {
                return Optional.empty();
            }
            return Optional.of(number.scaleByPowerOfTen(exponent));
        }
        return Optional.of(number.multiply(SUFFIXES.get(suffix)));
    }
}
