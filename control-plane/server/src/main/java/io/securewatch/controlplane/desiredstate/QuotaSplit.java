package io.securewatch.controlplane.desiredstate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a whole amount into parts proportional to weights by the largest-remainder method: every part is the
 * floor of its exact share, and the units left over go to the largest fractional remainders, ties to the
 * earlier position. The parts always add up to the total exactly.
 */
final class QuotaSplit {

    private QuotaSplit() {}

    /**
     * Returns one part per weight.
     *
     * @param weights positive weights, such as cluster capacities
     */
    static long[] split(long total, List<Long> weights) {
        if (weights.isEmpty()) {
            return new long[0];
        }
        BigInteger sum = weights.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        if (sum.signum() <= 0) {
            throw new IllegalArgumentException("weights must add up to more than zero: " + weights);
        }
        long[] parts = new long[weights.size()];
        List<Remainder> remainders = new ArrayList<>();
        long assigned = 0;
        for (int i = 0; i < weights.size(); i++) {
            BigInteger[] share = BigInteger.valueOf(total)
                    .multiply(BigInteger.valueOf(weights.get(i)))
                    .divideAndRemainder(sum);
            parts[i] = share[0].longValueExact();
            assigned += parts[i];
            remainders.add(new Remainder(i, share[1]));
        }
        remainders.sort(Comparator.comparing(Remainder::value).reversed().thenComparing(Remainder::index));
        for (int i = 0; i < total - assigned; i++) {
            parts[remainders.get(i).index()]++;
        }
        return parts;
    }

    private record Remainder(int index, BigInteger value) {}
}
