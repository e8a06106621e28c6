package io.securewatch.controlplane.desiredstate;

import io.securewatch.api.v1.RenderedRouting;
import io.securewatch.api.v1.RenderedRouting.HaproxyBackend;
import io.securewatch.api.v1.RenderedRouting.HaproxyServer;
import io.securewatch.api.v1.RoutingPolicyRequest.RetryOn;
import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a routing policy into Consul config entries for every datacenter and HAProxy settings for every
 * region's edge. Pure code with golden tests.
 *
 * <p>Consul: a {@code service-defaults} entry sets the protocol to HTTP, the connect timeout, passive health
 * checking and the limits; one {@code service-resolver} per region, named {@code <service>-<region>}, redirects to the service in
 * that region's datacenter; the service's own {@code service-resolver} sets the request timeout and the ordered
 * failover datacenters; with {@code weighted}, a {@code service-splitter} spreads requests over the per-region
 * resolvers in percent; with retries, a {@code service-router} sets them on every path.
 *
 * <p>HAProxy: each region's edge has a backend {@code be_<service>} with one server per region. With
 * {@code weighted}, every edge splits HAProxy's 256 weight units by the policy's weights, and regions weighing 0 are
 * drained. With
 * {@code locality-first}, the edge's own region takes all traffic and the failover regions are backup servers in
 * their order. Servers observe layer 7 responses and are marked down after the outlier limit of errors.
 *
 * <p>Regions a failover drill evacuates get no traffic: with {@code weighted} their weight counts as 0 (and when no
 * other region has weight left, the other regions share equally); with {@code locality-first} an evacuated
 * region's edge puts its own server in maintenance so that its backups take over, its datacenter's resolver
 * redirects to the first surviving failover region, and no region fails over to an evacuated one.
 */
public final class RoutingRenderer {

    static final String PROTOCOL = "http";

    /** HAProxy's largest server weight; weights are split out of it for the finest proportions. */
    static final int MAX_HAPROXY_WEIGHT = 256;

    private RoutingRenderer() {}

    public static RenderedRouting render(RoutingInput input) {
        Map<String, List<Map<String, Object>>> consul = new TreeMap<>();
        Map<String, HaproxyBackend> haproxy = new TreeMap<>();
        Map<String, BigDecimal> percent = percentages(input);
        for (RoutingInput.Region region : input.regions()) {
            consul.put(region.datacenter(), configEntries(input, region, percent));
            haproxy.put(region.name(), backend(input, region, percent));
        }
        return new RenderedRouting(input.service(), consul, haproxy);
    }

    private static List<Map<String, Object>> configEntries(
            RoutingInput input, RoutingInput.Region local, Map<String, BigDecimal> percent) {
        List<Map<String, Object>> entries = new ArrayList<>();
        entries.add(serviceDefaults(input));
        for (RoutingInput.Region region : input.regions()) {
            Map<String, Object> redirect = new LinkedHashMap<>();
            redirect.put("Service", input.service());
            redirect.put("Datacenter", region.datacenter());
            Map<String, Object> resolver = entry("service-resolver", regionalName(input, region));
            resolver.put("Redirect", redirect);
            entries.add(resolver);
        }
        Map<String, Object> resolver = entry("service-resolver", input.service());
        if (input.strategy() == Strategy.LOCALITY_FIRST && input.isEvacuated(local.name())) {
            List<RoutingInput.Region> survivors = failoverRegions(input, local, percent);
            if (!survivors.isEmpty()) {
                Map<String, Object> redirect = new LinkedHashMap<>();
                redirect.put("Service", input.service());
                redirect.put("Datacenter", survivors.get(0).datacenter());
                resolver.put("Redirect", redirect);
                entries.add(resolver);
                if (input.retries() != null && input.retries().attempts() > 0) {
                    entries.add(serviceRouter(input));
                }
                return entries;
            }
        }
        resolver.put("ConnectTimeout", duration(input.connectTimeoutMillis()));
        resolver.put("RequestTimeout", duration(input.requestTimeoutMillis()));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (RoutingInput.Region region : failoverRegions(input, local, percent)) {
            targets.add(Map.of("Datacenter", region.datacenter()));
        }
        if (!targets.isEmpty()) {
            resolver.put("Failover", Map.of("*", Map.of("Targets", targets)));
        }
        entries.add(resolver);
        if (input.strategy() == Strategy.WEIGHTED) {
            Map<String, Object> splitter = entry("service-splitter", input.service());
            List<Map<String, Object>> splits = new ArrayList<>();
            for (RoutingInput.Region region : input.regions()) {
                BigDecimal weight = percent.get(region.name());
                if (weight.signum() > 0) {
                    Map<String, Object> split = new LinkedHashMap<>();
                    split.put("Weight", weight);
                    split.put("Service", regionalName(input, region));
                    splits.add(split);
                }
            }
            splitter.put("Splits", splits);
            entries.add(splitter);
        }
        if (input.retries() != null && input.retries().attempts() > 0) {
            entries.add(serviceRouter(input));
        }
        return entries;
    }

    private static Map<String, Object> serviceDefaults(RoutingInput input) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("ConnectTimeoutMs", input.connectTimeoutMillis());
        if (input.outlierDetection() != null) {
            Map<String, Object> passive = new LinkedHashMap<>();
            passive.put("Interval", input.outlierDetection().intervalSeconds() + "s");
            passive.put("MaxFailures", input.outlierDetection().consecutive5xx());
            passive.put("EnforcingConsecutive5xx", 100);
            passive.put("MaxEjectionPercent", input.outlierDetection().maxEjectionPercent());
            passive.put("BaseEjectionTime", input.outlierDetection().baseEjectionSeconds() + "s");
            defaults.put("PassiveHealthCheck", passive);
        }
        if (input.limits() != null) {
            Map<String, Object> limits = new LinkedHashMap<>();
            if (input.limits().maxConnections() != null) {
                limits.put("MaxConnections", input.limits().maxConnections());
            }
            if (input.limits().maxPendingRequests() != null) {
                limits.put("MaxPendingRequests", input.limits().maxPendingRequests());
            }
            if (input.limits().maxConcurrentRequests() != null) {
                limits.put("MaxConcurrentRequests", input.limits().maxConcurrentRequests());
            }
            if (!limits.isEmpty()) {
                defaults.put("Limits", limits);
            }
        }
        Map<String, Object> entry = entry("service-defaults", input.service());
        entry.put("Protocol", PROTOCOL);
        entry.put("UpstreamConfig", Map.of("Defaults", defaults));
        return entry;
    }

    /**
     * Renders retries on every path. NOTE: neither Consul's config entries nor HAProxy have a retry budget, so
     * {@code budgetPercent} is not part of the rendered settings.
     */
    private static Map<String, Object> serviceRouter(RoutingInput input) {
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("Service", input.service());
        destination.put("NumRetries", input.retries().attempts());
        List<RetryOn> conditions = retryOn(input);
        destination.put("RetryOnConnectFailure", conditions.contains(RetryOn.CONNECT_FAILURE));
        List<String> retryOn = new ArrayList<>();
        if (conditions.contains(RetryOn.SERVER_ERROR)) {
            retryOn.add("5xx");
        }
        if (conditions.contains(RetryOn.RESET)) {
            retryOn.add("reset");
        }
        if (!retryOn.isEmpty()) {
            destination.put("RetryOn", retryOn);
        }
        destination.put("RequestTimeout", duration(input.requestTimeoutMillis()));
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("Match", Map.of("HTTP", Map.of("PathPrefix", "/")));
        route.put("Destination", destination);
        Map<String, Object> entry = entry("service-router", input.service());
        entry.put("Routes", List.of(route));
        return entry;
    }

    private static HaproxyBackend backend(
            RoutingInput input, RoutingInput.Region edge, Map<String, BigDecimal> percent) {
        String backend = "be_" + input.service();
        List<HaproxyServer> servers = new ArrayList<>();
        if (input.strategy() == Strategy.WEIGHTED) {
            List<Long> raw = input.regions().stream()
                    .map(region -> weight(input, region))
                    .toList();
            long[] weights = raw.stream().allMatch(weight -> weight == 0)
                    ? new long[raw.size()]
                    : ReplicaSplit.proportional(MAX_HAPROXY_WEIGHT, raw);
            for (int i = 0; i < weights.length; i++) {
                RoutingInput.Region region = input.regions().get(i);
                // A region with any weight keeps at least 1, the smallest weight HAProxy still sends traffic to.
                int weight = (int) Math.max(weights[i], raw.get(i) > 0 ? 1 : 0);
                servers.add(new HaproxyServer(
                        region.name(), region.name(), weight, weight == 0 ? "drain" : "ready", false));
            }
        } else if (input.isEvacuated(edge.name())) {
            servers.add(new HaproxyServer(edge.name(), edge.name(), 0, "maint", false));
            for (RoutingInput.Region region : failoverRegions(input, edge, percent)) {
                servers.add(new HaproxyServer(region.name(), region.name(), 100, "ready", true));
            }
        } else {
            servers.add(new HaproxyServer(edge.name(), edge.name(), 100, "ready", false));
            for (RoutingInput.Region region : failoverRegions(input, edge, percent)) {
                servers.add(new HaproxyServer(region.name(), region.name(), 100, "ready", true));
            }
        }
        List<String> commands = new ArrayList<>();
        for (HaproxyServer server : servers) {
            commands.add("set server " + backend + "/" + server.name() + " weight " + server.weight());
            commands.add("set server " + backend + "/" + server.name() + " state " + server.state());
        }
        return new HaproxyBackend(backend, servers, commands, config(input, backend, servers));
    }

    /**
     * Renders the backend section. Server addresses are environment variables ({@code ADDRESS_EU_WEST_1}) that the
     * agent sets to the regions' service endpoints; a server of weight 0 gets no new traffic, as drain does.
     */
    private static String config(RoutingInput input, String backend, List<HaproxyServer> servers) {
        StringBuilder config = new StringBuilder();
        config.append("backend ").append(backend).append('\n');
        config.append("    mode http\n");
        config.append("    balance roundrobin\n");
        if (input.healthCheckPath() != null) {
            // Without an HTTP check, a server marked down by its error limit passes the TCP check and comes back.
            config.append("    option httpchk GET ")
                    .append(input.healthCheckPath())
                    .append('\n');
        }
        config.append("    timeout connect ")
                .append(input.connectTimeoutMillis())
                .append("ms\n");
        config.append("    timeout server ")
                .append(input.requestTimeoutMillis())
                .append("ms\n");
        // HAProxy retries a failed connection 3 times by default, so a policy without retries writes out 0.
        int attempts = input.retries() == null ? 0 : input.retries().attempts();
        config.append("    retries ").append(attempts).append('\n');
        if (attempts > 0) {
            List<String> conditions = new ArrayList<>();
            for (RetryOn condition : retryOn(input)) {
                conditions.add(
                        switch (condition) {
                            case CONNECT_FAILURE -> "conn-failure";
                            case SERVER_ERROR -> "500 502 503 504";
                            case RESET -> "empty-response";
                        });
            }
            config.append("    retry-on ").append(String.join(" ", conditions)).append('\n');
        }
        for (HaproxyServer server : servers) {
            config.append("    server ")
                    .append(server.name())
                    .append(" ${")
                    .append(addressVariable(server))
                    .append('}');
            config.append(" weight ").append(server.weight());
            if (server.backup()) {
                config.append(" backup");
            }
            appendLimits(input, config);
            config.append(" check");
            if (input.outlierDetection() != null) {
                config.append(" inter ")
                        .append(input.outlierDetection().intervalSeconds())
                        .append('s');
                config.append(" observe layer7 error-limit ")
                        .append(input.outlierDetection().consecutive5xx());
                config.append(" on-error mark-down");
            }
            config.append('\n');
        }
        return config.toString();
    }

    /**
     * Appends the server's caps. HAProxy has no separate connection cap in HTTP mode, so {@code maxconn} takes the
     * smaller of the connection and concurrent-request limits; {@code maxqueue} caps the pending requests.
     */
    private static void appendLimits(RoutingInput input, StringBuilder config) {
        if (input.limits() == null) {
            return;
        }
        Integer connections = input.limits().maxConnections();
        Integer concurrent = input.limits().maxConcurrentRequests();
        Integer maxconn = connections;
        if (concurrent != null && (maxconn == null || concurrent < maxconn)) {
            maxconn = concurrent;
        }
        if (maxconn != null) {
            config.append(" maxconn ").append(maxconn);
        }
        if (input.limits().maxPendingRequests() != null) {
            config.append(" maxqueue ").append(input.limits().maxPendingRequests());
        }
    }

    private static String addressVariable(HaproxyServer server) {
        return "ADDRESS_" + server.region().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /**
     * Returns where the local region's traffic goes when the local region cannot serve it: the failover order
     * without the local region with {@code locality-first}, and the other regions with traffic by falling
     * weight with {@code weighted}.
     */
    private static List<RoutingInput.Region> failoverRegions(
            RoutingInput input, RoutingInput.Region local, Map<String, BigDecimal> percent) {
        Map<String, RoutingInput.Region> byName = new LinkedHashMap<>();
        input.regions().forEach(region -> byName.put(region.name(), region));
        if (input.strategy() == Strategy.LOCALITY_FIRST) {
            List<RoutingInput.Region> ordered = input.failoverOrder().stream()
                    .filter(name -> !name.equals(local.name()) && !input.isEvacuated(name))
                    .map(byName::get)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            if (ordered.isEmpty() && input.isEvacuated(local.name())) {
                // An evacuated region whose policy names no surviving failover region sends to every survivor.
                return input.regions().stream()
                        .filter(region -> !input.isEvacuated(region.name()))
                        .toList();
            }
            return ordered;
        }
        return input.regions().stream()
                .filter(region -> !region.name().equals(local.name()))
                .filter(region -> percent.get(region.name()).signum() > 0)
                .sorted(Comparator.comparing((RoutingInput.Region region) -> percent.get(region.name()))
                        .reversed()
                        .thenComparing(RoutingInput.Region::name))
                .toList();
    }

    /**
     * Returns each region's weight in percent with two decimals, adding up to exactly 100 as Consul's splitter
     * requires: the hundredths are split by the largest-remainder method.
     */
    static Map<String, BigDecimal> percentages(RoutingInput input) {
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        long total = 0;
        for (RoutingInput.Region region : input.regions()) {
            total += weight(input, region);
        }
        if (total == 0) {
            input.regions().forEach(region -> result.put(region.name(), BigDecimal.ZERO));
            return result;
        }

        long[] hundredths = new long[input.regions().size()];
        long[][] remainders = new long[input.regions().size()][2];
        long assigned = 0;
        for (int i = 0; i < input.regions().size(); i++) {
            long scaled = weight(input, input.regions().get(i)) * 10_000;
            hundredths[i] = scaled / total;
            remainders[i] = new long[] {scaled % total, i};
            assigned += hundredths[i];
        }

        java.util.Arrays.sort(
                remainders,
                (left, right) ->
                        left[0] != right[0] ? Long.compare(right[0], left[0]) : Long.compare(left[1], right[1]));
        for (int i = 0; i < 10_000 - assigned; i++) {
            hundredths[(int) remainders[i][1]]++;
        }

        for (int i = 0; i < input.regions().size(); i++) {
            result.put(
                    input.regions().get(i).name(),
                    BigDecimal.valueOf(hundredths[i], 2).stripTrailingZeros());
        }
        return result;
    }

    private static long weight(RoutingInput input, RoutingInput.Region region) {
        if (input.strategy() != Strategy.WEIGHTED) {
            return 1;
        }
        if (input.isEvacuated(region.name())) {
            return 0;
        }
        long weight = input.weights().getOrDefault(region.name(), 0);
        if (weight == 0 && !input.evacuated().isEmpty() && survivorsHaveNoWeight(input)) {
            // The evacuated regions held all the weight, so the survivors share their traffic equally.
            return 1;
        }
        return weight;
    }

    private static boolean survivorsHaveNoWeight(RoutingInput input) {
        return input.regions().stream()
                .filter(region -> !input.isEvacuated(region.name()))
                .allMatch(region -> input.weights().getOrDefault(region.name(), 0) == 0);
    }

    private static List<RetryOn> retryOn(RoutingInput input) {
        List<RetryOn> conditions = input.retries().retryOn();
        return conditions == null || conditions.isEmpty() ? List.of(RetryOn.CONNECT_FAILURE) : conditions;
    }

    private static String regionalName(RoutingInput input, RoutingInput.Region region) {
        return input.service() + "-" + region.name();
    }

    private static String duration(int millis) {
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static Map<String, Object> entry(String kind, String name) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Kind", kind);
        entry.put("Name", name);
        return entry;
    }
}
