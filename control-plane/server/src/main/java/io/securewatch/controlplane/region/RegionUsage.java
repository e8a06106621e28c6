package io.securewatch.controlplane.region;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Finds the objects that refer to a region: clusters running in it, and tenants and workloads using it. Native SQL keeps the
 * region package free of the cluster and tenant packages, which depend on it.
 */
@ApplicationScoped
public class RegionUsage {

    /** How many names an error message lists before it only counts. */
    static final int NAMES_SHOWN = 5;

    public Uni<List<String>> clusterNames(long regionId) {
        return names("select name from cluster where region_id = :region order by name", regionId, null);
    }

    public Uni<List<String>> tenantSlugs(long regionId) {
        return names(
                "select t.slug from tenant t join tenant_region tr on tr.tenant_id = t.id"
                        + " where tr.region_id = :region order by t.slug",
                regionId,
                null);
    }

    public Uni<List<String>> workloadNames(long regionId) {
        return names(
                "select w.name from workload w join workload_region wr on wr.workload_id = w.id"
                        + " where wr.region_id = :region order by w.name",
                regionId,
                null);
    }

    /** Returns the tenants using the region whose residency zones do not include the given zone. */
    public Uni<List<String>> tenantSlugsOutsideZone(long regionId, String zone) {
        return names(
                "select t.slug from tenant t join tenant_region tr on tr.tenant_id = t.id"
                        + " where tr.region_id = :region and not (cast(:zone as varchar) = any (t.residency_zones))"
                        + " order by t.slug",
                regionId,
                zone);
    }

    private static Uni<List<String>> names(String sql, long regionId, String zone) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, String.class).setParameter("region", regionId);
            if (zone != null) {
                query.setParameter("zone", zone);
            }
            return query.setMaxResults(NAMES_SHOWN + 1).getResultList();
        });
    }

    /** Formats names for a message: at most {@link #NAMES_SHOWN}, then "and more". */
    static String describe(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(names.size(), NAMES_SHOWN)));
        return names.size() > NAMES_SHOWN ? shown + " and more" : shown;
    }
}
