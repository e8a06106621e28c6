package io.securewatch.controlplane.desiredstate;

import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.TenantStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes the complete desired state of one cluster from inventory rows. Pure code: no I/O, no clock, no
 * framework, so equal inputs always give equal bundles.
 *
 * <p>Every tenant whose regions include the cluster's region gets an environment: namespace
 * {@code tenant-<slug>}, a ResourceQuota, a LimitRange with container defaults, and NetworkPolicies that deny
 * ingress except from the same namespace and from the platform's ingress namespace. The tenant's quota is split
 * over all clusters of all its regions in proportion to their capacity (CPU by CPU, memory by memory, pods by
 * CPU), so the per-cluster quotas add up to the tenant's quota exactly.
 *
 * <p>A suspended tenant keeps its environment and data, but its namespace is labelled
 * {@code securewatch.io/status: suspended} and its quota allows zero pods, so nothing new is scheduled there
 * until it is resumed. Pods already running are left alone: stopping them is the tenant's own workload policy.
 */
public final class DesiredStateCompiler {

    /** Label on every object the control plane manages; the agent touches only objects that carry it. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    public static final String MANAGED_BY_VALUE = "securewatch";
    public static final String TENANT_LABEL = "securewatch.io/tenant";
    public static final String TIER_LABEL = "securewatch.io/tier";
    public static final String STATUS_LABEL = "securewatch.io/status";

    public static final String NAMESPACE_PREFIX = "tenant-";
    static final String QUOTA_NAME = "tenant-quota";
    static final String LIMIT_RANGE_NAME = "tenant-defaults";
    static final String DENY_INGRESS_POLICY = "default-deny-ingress";
    static final String SAME_NAMESPACE_POLICY = "allow-same-namespace";
    static final String PLATFORM_INGRESS_POLICY = "allow-platform-ingress";

    private final PlatformSettings settings;

    public DesiredStateCompiler(PlatformSettings settings) {
        this.settings = settings;
    }

    /**
     * Compiles the bundle of one cluster.
     *
     * @param allClusters every cluster of the regions the tenants use, the target included
     * @param tenants tenants to consider; those not in the cluster's region or being deleted are skipped
     */
    public DesiredBundle compile(ClusterInput cluster, List<ClusterInput> allClusters, List<TenantInput> tenants) {
        return compileAll(List.of(cluster), allClusters, tenants, List.of()).get(0);
    }

    /**
     * Compiles the bundle of one cluster, workloads included.
     *
     * @param allClusters every cluster of the regions the tenants and workloads use, the target included
     */
    public DesiredBundle compile(
            ClusterInput cluster,
            List<ClusterInput> allClusters,
            List<TenantInput> tenants,
            List<WorkloadInput> workloads) {
        return compileAll(List.of(cluster), allClusters, tenants, workloads).get(0);
    }

    /**
     * Compiles the bundles of several clusters, in the order given. Equal to calling {@link #compile} for each, but
     * the quota split and the manifests that do not depend on the cluster are computed once per tenant, so a
     * change that reaches a thousand clusters costs about a thousand quota manifests, not a million splits.
     */
    public List<DesiredBundle> compileAll(
            List<ClusterInput> targets,
            List<ClusterInput> allClusters,
            List<TenantInput> tenants,
            List<WorkloadInput> workloads) {
        List<WorkloadPlan> workloadPlans = new ArrayList<>();
        for (WorkloadInput workload : workloads) {
            workloadPlans.add(new WorkloadPlan(workload, shares(allClusters, workload)));
        }
        List<TenantPlan> plans = new ArrayList<>();
        for (TenantInput tenant : tenants) {
            if (tenant.status() != TenantStatus.DELETING) {
                plans.add(new TenantPlan(tenant, shares(allClusters, tenant), sharedManifests(tenant)));
            }
        }
        List<DesiredBundle> bundles = new ArrayList<>();
        for (ClusterInput cluster : targets) {
            List<Manifest> objects = new ArrayList<>();
            for (TenantPlan plan : plans) {
                if (!plan.tenant().regions().contains(cluster.region())) {
                    continue;
                }
                TenantShare share = plan.shares().get(cluster.name());
                if (share == null) {
                    throw new IllegalArgumentException("cluster " + cluster.name() + " is missing from allClusters");
                }
                objects.addAll(plan.shared());
                objects.add(resourceQuota(
                        plan.tenant(), NAMESPACE_PREFIX + plan.tenant().slug(), share));
            }
            Set<String> platformNamespaces = new TreeSet<>();
            for (WorkloadPlan plan : workloadPlans) {
                ReplicaBounds share = plan.shares().get(cluster.name());
                if (share != null) {
                    objects.addAll(WorkloadManifests.render(plan.workload(), share));
                    objects.addAll(plan.workload().routing().getOrDefault(cluster.region(), List.of()));
                    if (plan.workload().tenant() == null) {
                        platformNamespaces.add(plan.workload().namespace());
                    }
                }
            }
            platformNamespaces.forEach(namespace -> objects.add(WorkloadManifests.platformNamespace(namespace)));
            bundles.add(DesiredBundle.of(cluster.name(), objects));
        }
        return bundles;
    }

    /**
     * Splits one workload's replica bounds over the clusters of its regions and renders its objects in each: what
     * {@link #compileAll} puts in those clusters' bundles for this workload, routing objects aside.
     *
     * @return per cluster name, in name order, the cluster's bounds and objects
     */
    public static Map<String, WorkloadShare> workloadShares(WorkloadInput workload, List<ClusterInput> allClusters) {
        Map<String, WorkloadShare> result = new TreeMap<>();
        shares(allClusters, workload)
                .forEach((cluster, bounds) ->
                        result.put(cluster, new WorkloadShare(bounds, WorkloadManifests.render(workload, bounds))));
        return result;
    }

    /** A workload's replica bounds in one cluster and the objects rendered there. */
    public record WorkloadShare(ReplicaBounds bounds, List<Manifest> objects) {}

    /** Splits the tenant's quota over all clusters of its regions, in cluster name order. */
    private static Map<String, TenantShare> shares(List<ClusterInput> allClusters, TenantInput tenant) {
        List<ClusterInput> sharing = allClusters.stream()
                .filter(candidate -> tenant.regions().contains(candidate.region()))
                .sorted((left, right) -> left.name().compareTo(right.name()))
                .toList();
        if (sharing.isEmpty()) {
            return Map.of();
        }
        List<Long> cpu = sharing.stream().map(ClusterInput::cpuMillis).toList();
        List<Long> memory = sharing.stream().map(ClusterInput::memoryBytes).toList();
        long[] cpuParts = QuotaSplit.split(tenant.quotaCpuMillis(), cpu);
        long[] memoryParts = QuotaSplit.split(tenant.quotaMemoryBytes(), memory);
        long[] podParts = QuotaSplit.split(tenant.quotaPods(), cpu);
        Map<String, TenantShare> shares = new HashMap<>();
        for (int i = 0; i < sharing.size(); i++) {
            shares.put(sharing.get(i).name(), new TenantShare(cpuParts[i], memoryParts[i], podParts[i]));
        }
        return shares;
    }

    /**
     * Splits the workload's replica bounds over the clusters of its regions: the scaling policy's bounds, or the
     * Deployment's fixed replicas as both bounds, over the regions by the weights of the service's routing policy.
     */
    private static Map<String, ReplicaBounds> shares(List<ClusterInput> allClusters, WorkloadInput workload) {
        WorkloadInput.ScalingInput scaling = workload.scaling();
        if (scaling == null) {
            int replicas = workload.fixedReplicas();
            return ReplicaSplit.perCluster(
                    replicas,
                    replicas,
                    Map.of(),
                    workload.regions(),
                    workload.regionWeights(),
                    allClusters,
                    Map.of(),
                    workload.evacuatedClusters());
        }
        return ReplicaSplit.perCluster(
                scaling.minReplicas(),
                scaling.maxReplicas(),
                scaling.regionOverrides(),
                workload.regions(),
                workload.regionWeights(),
                allClusters,
                scaling.preScaleFloors(),
                workload.evacuatedClusters());
    }

    /** Builds the manifests of a tenant environment that are the same in every cluster. */
    private List<Manifest> sharedManifests(TenantInput tenant) {
        String namespace = NAMESPACE_PREFIX + tenant.slug();
        return List.of(
                namespace(tenant, namespace),
                limitRange(tenant, namespace),
                networkPolicy(tenant, namespace, DENY_INGRESS_POLICY, null),
                networkPolicy(tenant, namespace, SAME_NAMESPACE_POLICY, Map.of("podSelector", Map.of())),
                networkPolicy(
                        tenant,
                        namespace,
                        PLATFORM_INGRESS_POLICY,
                        Map.of(
                                "namespaceSelector",
                                Map.of(
                                        "matchLabels",
                                        Map.of("kubernetes.io/metadata.name", settings.ingressNamespace())))));
    }

    private static Manifest namespace(TenantInput tenant, String namespace) {
        Map<String, String> labels = labels(tenant);
        labels.put(TIER_LABEL, tenant.tier().wireName());
        if (tenant.status() == TenantStatus.SUSPENDED) {
            labels.put(STATUS_LABEL, "suspended");
        }
        Map<String, Object> body = object("v1", "Namespace", metadata(namespace, null, labels));
        return Manifest.of(new ObjectRef("v1", "Namespace", "", namespace), body);
    }

    private static Manifest resourceQuota(TenantInput tenant, String namespace, TenantShare share) {
        Map<String, Object> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", share.cpuMillis() + "m");
        hard.put("limits.cpu", share.cpuMillis() + "m");
        hard.put("requests.memory", Long.toString(share.memoryBytes()));
        hard.put("limits.memory", Long.toString(share.memoryBytes()));
        hard.put("pods", tenant.status() == TenantStatus.SUSPENDED ? "0" : Long.toString(share.pods()));
        Map<String, Object> body = object("v1", "ResourceQuota", metadata(QUOTA_NAME, namespace, labels(tenant)));
        body.put("spec", Map.of("hard", hard));
        return Manifest.of(new ObjectRef("v1", "ResourceQuota", namespace, QUOTA_NAME), body);
    }

    private Manifest limitRange(TenantInput tenant, String namespace) {
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("type", "Container");
        limit.put("default", resources(settings.defaultCpuLimit(), settings.defaultMemoryLimit()));
        limit.put("defaultRequest", resources(settings.defaultCpuRequest(), settings.defaultMemoryRequest()));
        Map<String, Object> body = object("v1", "LimitRange", metadata(LIMIT_RANGE_NAME, namespace, labels(tenant)));
        body.put("spec", Map.of("limits", List.of(limit)));
        return Manifest.of(new ObjectRef("v1", "LimitRange", namespace, LIMIT_RANGE_NAME), body);
    }

    /**
     * Builds a policy that selects every pod of the namespace for ingress.
     *
     * @param peer the only allowed source, or null for a policy that allows nothing
     */
    private static Manifest networkPolicy(TenantInput tenant, String namespace, String name, Map<String, Object> peer) {
        String apiVersion = "networking.k8s.io/v1";
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("podSelector", Map.of());
        spec.put("policyTypes", List.of("Ingress"));
        if (peer != null) {
            spec.put("ingress", List.of(Map.of("from", List.of(peer))));
        }
        Map<String, Object> body = object(apiVersion, "NetworkPolicy", metadata(name, namespace, labels(tenant)));
        body.put("spec", spec);
        return Manifest.of(new ObjectRef(apiVersion, "NetworkPolicy", namespace, name), body);
    }

    /** Builds a CPU and memory map in a fixed order; {@code Map.of} iterates in an order that varies per JVM. */
    private static Map<String, Object> resources(String cpu, String memory) {
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("cpu", cpu);
        resources.put("memory", memory);
        return resources;
    }

    private static Map<String, String> labels(TenantInput tenant) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY_LABEL, MANAGED_BY_VALUE);
        labels.put(TENANT_LABEL, tenant.slug());
        return labels;
    }

    static Map<String, Object> metadata(String name, String namespace, Map<String, String> labels) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("labels", labels);
        return metadata;
    }

    static Map<String, Object> object(String apiVersion, String kind, Map<String, Object> metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", apiVersion);
        body.put("kind", kind);
        body.put("metadata", metadata);
        return body;
    }

    /** One tenant's quota on one cluster. */
    record TenantShare(long cpuMillis, long memoryBytes, long pods) {}

    /** A workload with its replica bounds by cluster name. */
    private record WorkloadPlan(WorkloadInput workload, Map<String, ReplicaBounds> shares) {}

    /** What the compiler prepared once for a tenant: quota shares by cluster name and cluster-independent manifests. */
    private record TenantPlan(TenantInput tenant, Map<String, TenantShare> shares, List<Manifest> shared) {}
}
