package io.securewatch.agent.core;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kubernetes resource quantities, such as {@code 500m}, {@code 2}, {@code 128Mi} or {@code 1e3}, so that
 * equal amounts written differently compare equal: the API server stores {@code 8000m} as {@code 8}.
 */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("^([+-]?[0-9]+(?:\\.[0-9]*)?|[+-]?\\.[0-9]+)(.*)$");
    private static final Pattern EXPONENT = Pattern.compile("[eE][+-]?[0-9]{1,3}");
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

    private Quantities() {}

    /** Returns the amount in base units, or empty when the text is not a quantity. */
    public static Optional<BigDecimal> parse(String text) {
        Matcher matcher = QUANTITY.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String suffix = matcher.group(2);
        BigDecimal number = new BigDecimal(matcher.group(1));
        if (EXPONENT.matcher(suffix).matches()) {
            return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
        }
        BigDecimal multiplier = SUFFIXES.get(suffix);
        return multiplier == null ? Optional.empty() : Optional.of(number.multiply(multiplier));
    }

    /** Tells whether two texts are the same quantity, written the same way or not. */
    static boolean sameAmount(String left, String right) {
        Optional<BigDecimal> leftAmount = parse(left);
        Optional<BigDecimal> rightAmount = parse(right);
        return leftAmount.isPresent()
                && rightAmount.isPresent()
                && leftAmount.get().compareTo(rightAmount.get()) == 0;
    }
}
