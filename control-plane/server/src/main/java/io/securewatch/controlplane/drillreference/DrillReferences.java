package io.securewatch.controlplane.drillreference;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Finds the drills that name a region, cluster, service or tenant, so that deleting it can be rejected while a drill
 * needs it. Native SQL on the drill table keeps the packages of those objects free of the drill package, which
 * depends on them.
 *
 * <p>NOTE: the check runs in the deleting transaction without a lock, so a drill created concurrently can still name
 * an object that is being deleted; no foreign key backs the names.
 */
@ApplicationScoped
public class DrillReferences {

    /** How many drill names an error message lists before it only counts. */
    static final int NAMES_SHOWN = 5;

    /** Fails with 409 when a region-evacuation drill targets the region. */
    public Uni<Void> requireNoneForRegion(String region) {
        return targeting(Type.REGION_EVACUATION, region)
                .invoke(drills -> requireEmpty(drills, "region '" + region + "' is the target of drills: "))
                .replaceWithVoid();
    }

    /** Fails with 409 when a cluster-evacuation drill targets the cluster. */
    public Uni<Void> requireNoneForCluster(String cluster) {
        return targeting(Type.CLUSTER_EVACUATION, cluster)
                .invoke(drills -> requireEmpty(drills, "cluster '" + cluster + "' is the target of drills: "))
                .replaceWithVoid();
    }

    /** Fails with 409 when a service-failover drill targets the service or a drill's scope lists it. */
    public Uni<Void> requireNoneForService(String service) {
        return namingService(service)
                .invoke(drills ->
                        requireEmpty(drills, "service '" + service + "' is the target or in the scope of drills: "))
                .replaceWithVoid();
    }

    /** Fails with 409 when a drill's scope lists the tenant. */
    public Uni<Void> requireNoneForTenant(String tenant) {
        return names("select name from drill where jsonb_exists(scope -> 'tenants', :name) order by name", tenant, null)
                .invoke(drills -> requireEmpty(drills, "tenant '" + tenant + "' is in the scope of drills: "))
                .replaceWithVoid();
    }

    /** Returns the drills that target the service or list it in their scope, in name order. */
    public Uni<List<String>> namingService(String service) {
        return names(
                "select name from drill where (type = :type and target = :name)"
                        + " or jsonb_exists(scope -> 'services', :name) order by name",
                service,
                Type.SERVICE_FAILOVER);
    }

    /** Formats drill names for a message: at most {@link #NAMES_SHOWN}, then "and more". */
    public static String describe(List<String> drills) {
        String listed = String.join(", ", drills.subList(0, Math.min(drills.size(), NAMES_SHOWN)));
        return drills.size() > NAMES_SHOWN ? listed + " and more" : listed;
    }

    private static Uni<List<String>> targeting(Type type, String target) {
        return names("select name from drill where type = :type and target = :name order by name", target, type);
    }

    private static void requireEmpty(List<String> drills, String message) {
        if (!drills.isEmpty()) {
            throw new ApiException(
                    ProblemType.HAS_DEPENDANTS,
                    message + describe(drills) + "; delete those drills or change what they name first");
        }
    }

    private static Uni<List<String>> names(String sql, String name, Type type) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, String.class).setParameter("name", name);
            if (type != null) {
                query.setParameter("type", type.name());
            }
            return query.setMaxResults(NAMES_SHOWN + 1).getResultList();
        });
    }
}
