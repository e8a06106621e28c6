package io.securewatch.agent.simulated;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resource demand and request rate of each simulated workload: deterministic, so that a demo or a test run twice
 * behaves the same, and slowly varying, so that autoscalers have something to follow.
 *
 * <p>A workload's demand is measured in pods' worth of its requests. Its name (through {@link String#hashCode()},
 * whose value the Java specification fixes) picks a base of 1 to 4 pods' worth, a base of 50 to 200 requests per
 * second, a period of 20 to 60 minutes and a phase. CPU demand and the request rate then swing between 0.3 and 1.5
 * times their base along a sine wave of that period, and memory demand between 0.4 and 0.8 times the base, a quarter
 * period later.
 *
 * <p>The cluster's share of a service's traffic scales all three by a traffic factor, see {@link #setEdgeWeights}. A
 * CPU or memory demand fixed with {@link #setDemand} replaces the model for that resource of that workload and is not
 * scaled, so that a test controls it exactly. A request rate fixed with {@link #setRequestRate} is the rate at
 * factor 1 and is scaled, so that a test can observe requests move when routing changes.
 */
final class LoadModel {

    private final Map<String, Long> fixedCpuMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> fixedMemoryBytes = new ConcurrentHashMap<>();
    private final Map<String, Double> fixedRequestsPerSecond = new ConcurrentHashMap<>();
    private final Map<String, Double> errorRatePercent = new ConcurrentHashMap<>();
    private final Map<String, Double> trafficFactorByService = new ConcurrentHashMap<>();
    private volatile double scale = 1;

    /**
     * Fixes the CPU demand of a workload, summed over all its pods, until it is set again. Its memory demand keeps
     * following the model.
     */
    void setDemand(String namespace, String name, long cpuMillis) {
        requireNotNegative(namespace, name, "CPU", cpuMillis, "millicores");
        fixedCpuMillis.put(namespace + "/" + name, cpuMillis);
    }

    /** Fixes the CPU and memory demand of a workload, summed over all its pods, until they are set again. */
    void setDemand(String namespace, String name, long cpuMillis, long memoryBytes) {
        requireNotNegative(namespace, name, "CPU", cpuMillis, "millicores");
        requireNotNegative(namespace, name, "memory", memoryBytes, "bytes");
        fixedCpuMillis.put(namespace + "/" + name, cpuMillis);
        fixedMemoryBytes.put(namespace + "/" + name, memoryBytes);
    }

    /** Fixes the request rate of a workload at traffic factor 1, summed over all its pods, until it is set again. */
    void setRequestRate(String namespace, String name, double requestsPerSecond) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("request rate of " + namespace + "/" + name
                    + " must be a finite number of requests per second of at least 0, got " + requestsPerSecond);
        }
        fixedRequestsPerSecond.put(namespace + "/" + name, requestsPerSecond);
    }

    /** Sets the percent of a workload's requests that fail with a server error, 0 until set. */
    void setErrorRate(String namespace, String name, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(
                    "error rate of " + namespace + "/" + name + " must be between 0 and 100 percent, got " + percent);
        }
        errorRatePercent.put(namespace + "/" + name, percent);
    }

    /**
     * Sets the traffic factor of a service's workloads from the weights with which the edge of the cluster's region
     * splits the service's requests: the region's share of the total weight times the number of regions in the split.
     * Equal weights give factor 1, a region with weight 0 gets 0, and the two survivors of three equal regions get
     * 1.5 each. A region that is not in the split gets 0, and so do all regions when the total weight is 0.
     *
     * <p>NOTE: a cluster receives only its own region's edge backend, so the factor is exact only when every region's edge splits
     * the same way, as the {@code weighted} strategy renders it. With {@code locality-first}, the split of the
     * cluster's own edge lists only its own region while it has weight, which gives factor 1, and the traffic that
     * another region's evacuated edge sends here as a backup is not counted.
     *
     * @param service the service, named like its Deployments; its workloads in every namespace get the factor
     */
    void setEdgeWeights(String service, String region, Map<String, Integer> weightByRegion) {
        long total =
                weightByRegion.values().stream().mapToLong(Integer::longValue).sum();
        int own = weightByRegion.getOrDefault(region, 0);
        double factor = total <= 0 ? 0 : (double) own * weightByRegion.size() / total;
        trafficFactorByService.put(service, factor);
    }

    /** Resets the traffic factor of a service's workloads to 1. */
    void removeEdgeWeights(String service) {
        trafficFactorByService.remove(service);
    }

    /**
     * Returns the demand of a workload at a time, summed over all its pods.
     *
     * @param podRequests what one pod of the workload requests
     */
    Resources demand(String namespace, String name, Resources podRequests, Instant at) {
        String workload = namespace + "/" + name;
        Wave wave = Wave.of(workload, at);
        double factor = trafficFactor(name) * scale;
        long cpuMillis = fixedCpuMillis.getOrDefault(
                workload, Math.round(podRequests.cpuMillis() * wave.base() * wave.cpuLevel() * factor));
        long memoryBytes = fixedMemoryBytes.getOrDefault(
                workload, Math.round(podRequests.memoryBytes() * wave.base() * wave.memoryLevel() * factor));
        return new Resources(cpuMillis, memoryBytes);
    }

    /** Returns the requests per second that a workload receives at a time, summed over all its pods. */
    double requestsPerSecond(String namespace, String name, Instant at) {
        String workload = namespace + "/" + name;
        Double fixed = fixedRequestsPerSecond.get(workload);
        double atFactorOne;
        if (fixed != null) {
            atFactorOne = fixed;
        } else {
            Wave wave = Wave.of(workload, at);
            atFactorOne = wave.requestBase() * wave.cpuLevel() * scale;
        }
        return atFactorOne * trafficFactor(name);
    }

    /**
     * Multiplies the modelled CPU, memory and request demand of every workload, 1 until set; demand fixed with
     * {@link #setDemand} or {@link #setRequestRate} is not scaled.
     */
    void setScale(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("load scale must be a finite number of at least 0, got " + scale);
        }
        this.scale = scale;
    }

    /** Returns the percent of a workload's requests that fail with a server error. */
    double errorRatePercent(String namespace, String name) {
        return errorRatePercent.getOrDefault(namespace + "/" + name, 0.0);
    }

    /** Returns the traffic factor of the service a workload serves, which is named like the workload. */
    private double trafficFactor(String workloadName) {
        return trafficFactorByService.getOrDefault(workloadName, 1.0);
    }

    private static void requireNotNegative(String namespace, String name, String resource, long amount, String unit) {
        if (amount < 0) {
            throw new IllegalArgumentException(resource + " demand of " + namespace + "/" + name
                    + " must not be negative, got " + amount + " " + unit);
        }
    }

    /**
     * The position of a workload on its sine wave at a time.
     *
     * @param base the workload's base demand, in pods' worth of its requests
     * @param requestBase the workload's base request rate, in requests per second
     */
    private record Wave(double base, double requestBase, double cpuLevel, double memoryLevel) {

        static Wave of(String workload, Instant at) {
            int hash = workload.hashCode();
            double base = 1 + Math.floorMod(hash, 300) / 100.0;
            double requestBase = 50 + Math.floorMod(hash / 17, 151);
            long periodSeconds = 1200 + Math.floorMod(hash / 7, 2400);
            double phase = 2 * Math.PI * Math.floorMod(hash / 13, 1000) / 1000.0;
            double angle = 2 * Math.PI * (at.toEpochMilli() / 1000.0) / periodSeconds + phase;
            return new Wave(base, requestBase, 0.9 + 0.6 * Math.sin(angle), 0.6 + 0.2 * Math.sin(angle + Math.PI / 2));
        }
    }

    /** An amount of CPU, in millicores, and of memory, in bytes. */
    record Resources(long cpuMillis, long memoryBytes) {}
}
