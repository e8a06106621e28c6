package io.securewatch.controlplane.demo;

import io.securewatch.api.v1.Capacity;
import io.securewatch.api.v1.ClusterRequest;
import io.securewatch.api.v1.DriftPolicy;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.Quota;
import io.securewatch.api.v1.RegionRequest;
import io.securewatch.api.v1.RegionStatus;
import io.securewatch.api.v1.RoutingPolicyRequest;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.api.v1.TenantTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example inventory of the demo: three regions in two residency zones, two clusters in each, three tenants that
 * show the residency rules (EU only, EU and US, US only), and a drill that evacuates each region.
 */
final class DemoInventory {

    private static final long GIB = 1L << 30;

    static final List<RegionRequest> REGIONS = List.of(
            new RegionRequest("eu-west-1", "Europe (Ireland)", "EU", "eu-west-1", RegionStatus.ACTIVE),
            new RegionRequest("eu-central-1", "Europe (Frankfurt)", "EU", "eu-central-1", RegionStatus.ACTIVE),
            new RegionRequest("us-east-1", "US East (N. Virginia)", "US", "us-east-1", RegionStatus.ACTIVE));

    static final List<TenantRequest> TENANTS = List.of(
            new TenantRequest(
                    "acme",
                    "ACME Corporation",
                    TenantTier.SHARED,
                    List.of("EU"),
                    List.of("eu-west-1", "eu-central-1"),
                    new Quota(16_000L, 64 * GIB, 200L),
                    "admin@acme.example"),
            new TenantRequest(
                    "globex",
                    "Globex",
                    TenantTier.DEDICATED,
                    List.of("EU", "US"),
                    List.of("eu-west-1", "eu-central-1", "us-east-1"),
                    new Quota(64_000L, 256 * GIB, 1_000L),
                    "admin@globex.example"),
            new TenantRequest(
                    "initech",
                    "Initech",
                    TenantTier.SHARED,
                    List.of("US"),
                    List.of("us-east-1"),
                    new Quota(8_000L, 32 * GIB, 100L),
                    "admin@initech.example"));

    /** The platform API spread 50/30/20 over the regions, with passive health checks, retries and limits. */
    static final RoutingPolicyRequest PLATFORM_API_ROUTING = new RoutingPolicyRequest(
            RoutingPolicyRequest.Strategy.WEIGHTED,
            Map.of("eu-west-1", 50, "eu-central-1", 30, "us-east-1", 20),
            List.of(),
            new RoutingPolicyRequest.OutlierDetection(5, 10, 30, 50),
            2_000,
            15_000,
            new RoutingPolicyRequest.Retries(
                    2,
                    List.of(RoutingPolicyRequest.RetryOn.CONNECT_FAILURE, RoutingPolicyRequest.RetryOn.SERVER_ERROR),
                    20),
            new RoutingPolicyRequest.Limits(1_000, 200, 500));

    private DemoInventory() {}

    /**
     * Returns one dry-run evacuation drill per region, {@code evacuate-<region>}, with the default guardrails but a
     * one-minute observation, so that a live run of the demo ends soon.
     */
    static List<DrillRequest> drills() {
        return REGIONS.stream()
                .map(region -> new DrillRequest(
                        "evacuate-" + region.name(),
                        DrillRequest.Type.REGION_EVACUATION,
                        region.name(),
                        null,
                        new DrillRequest.Guardrails(null, null, null, null, 60),
                        DrillRequest.Mode.DRY_RUN,
                        null))
                .toList();
    }

    /** Returns two clusters per region, {@code <region>-a} and {@code <region>-b}, in different zones. */
    static List<ClusterRequest> clusters() {
        List<ClusterRequest> clusters = new ArrayList<>();
        for (RegionRequest region : REGIONS) {
            for (String suffix : List.of("a", "b")) {
                clusters.add(new ClusterRequest(
                        region.name() + "-" + suffix,
                        region.name(),
                        Map.of("topology.kubernetes.io/zone", region.name() + suffix, "environment", "demo"),
                        new Capacity(64_000L, 256 * GIB),
                        DriftPolicy.REPORT));
            }
        }
        return clusters;
    }
}
