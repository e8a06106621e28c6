package io.securewatch.console.ui;

import io.securewatch.api.v1.CatalogService;
import io.securewatch.api.v1.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of the services view: a workload with a Service (which can carry a routing policy), a service found only
 * in Consul's catalog, or both under one name.
 *
 * @param workload the workload behind the service, or null when the service is only in Consul's catalog
 * @param catalog what Consul's catalog holds for it, or null before it registers
 */
record ServiceRow(String name, String tenant, Workload workload, CatalogService catalog) {

    /** Returns whether the control plane routes the service, which needs a workload with a Service. */
    boolean routable() {
        return workload != null && workload.service() != null;
    }

    /** Returns the catalog's view per region, such as {@code eu-west-1 3/3 healthy; us-east-1 stale for 45 s}. */
    String health() {
        if (catalog == null || catalog.regions() == null || catalog.regions().isEmpty()) {
            return "not in the catalog";
        }
        return catalog.regions().stream()
                .sorted(Comparator.comparing(CatalogService.CatalogRegion::region))
                .map(ServiceRow::health)
                .collect(Collectors.joining("; "));
    }

    private static String health(CatalogService.CatalogRegion region) {
        String counts = region.region() + " " + region.healthy() + "/" + region.instances() + " healthy";
        if (!region.stale()) {
            return counts;
        }
        return counts + ", stale" + (region.staleForSeconds() == null ? "" : " for " + region.staleForSeconds() + " s");
    }

    /** Joins workloads with Services and catalog entries by name, sorted by name. */
    static List<ServiceRow> merge(List<Workload> workloads, List<CatalogService> catalog) {
        Map<String, ServiceRow> rows = new LinkedHashMap<>();
        workloads.stream()
                .filter(workload -> workload.service() != null)
                .forEach(workload ->
                        rows.put(workload.name(), new ServiceRow(workload.name(), workload.tenant(), workload, null)));
        for (CatalogService service : catalog) {
            ServiceRow known = rows.get(service.service());
            rows.put(
                    service.service(),
                    known == null
                            ? new ServiceRow(service.service(), service.tenant(), null, service)
                            : new ServiceRow(known.name(), known.tenant(), known.workload(), service));
        }
        List<ServiceRow> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing(ServiceRow::name));
        return sorted;
    }
}
