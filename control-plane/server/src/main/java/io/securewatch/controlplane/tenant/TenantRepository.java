package io.securewatch.controlplane.tenant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.api.v1.TenantTier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Queries over tenants; each one fetches the tenant's regions. */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, Long> {

    public Uni<TenantEntity> findBySlug(String slug) {
        // Not firstResult(): a row limit on a collection fetch makes Hibernate fetch everything and cut in memory.
        return list("from TenantEntity t left join fetch t.regions where t.slug = ?1", slug)
                .map(tenants -> tenants.isEmpty() ? null : tenants.get(0));
    }

    /**
     * Returns up to {@code limit} tenants after the given slug, in slug order, that match the filters. The page
     * is chosen on the tenant table alone and its regions fetched afterwards, so the database does the limit
     * rather than Hibernate in memory.
     */
    Uni<List<TenantEntity>> page(Optional<String> after, int limit, TenantFilter filter) {
        StringBuilder query = new StringBuilder("select t.id from TenantEntity t where 1 = 1");
        Parameters parameters = new Parameters();
        after.ifPresent(slug -> {
            query.append(" and t.slug > :after");
            parameters.and("after", slug);
        });
        filter.onlyTenant().ifPresent(slug -> {
            query.append(" and t.slug = :onlyTenant");
            parameters.and("onlyTenant", slug);
        });
        filter.tier().ifPresent(tier -> {
            query.append(" and t.tier = :tier");
            parameters.and("tier", tier);
        });
        filter.status().ifPresent(status -> {
            query.append(" and t.status = :status");
            parameters.and("status", status);
        });
        filter.residencyZone().ifPresent(zone -> {
            query.append(" and array_contains(t.residencyZones, :zone)");
            parameters.and("zone", zone);
        });
        filter.region().ifPresent(region -> {
            query.append(" and exists (select 1 from TenantEntity other join other.regions r"
                    + " where other.id = t.id and r.name = :region)");
            parameters.and("region", region);
        });
        query.append(" order by t.slug");
        return Panache.getSession()
                .chain(session -> {
                    var ids = session.createSelectionQuery(query.toString(), Long.class)
                            .setMaxResults(limit);
                    parameters.map().forEach(ids::setParameter);
                    return ids.getResultList();
                })
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(List.<TenantEntity>of())
                        : list("from TenantEntity t left join fetch t.regions where t.id in ?1", ids)
                                .map(tenants -> tenants.stream()
                                        .distinct()
                                        .sorted(Comparator.comparing(tenant -> tenant.slug))
                                        .toList()));
    }

    /** Filters of the tenant list; {@code onlyTenant} limits a tenant administrator to its own tenant. */
    record TenantFilter(
            Optional<String> onlyTenant,
            Optional<TenantTier> tier,
            Optional<TenantStatus> status,
            Optional<String> residencyZone,
            Optional<String> region) {}
}
