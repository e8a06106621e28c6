package io.securewatch.controlplane.workload;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Queries over workloads; each one fetches the workload's regions and owning tenant. */
@ApplicationScoped
public class WorkloadRepository implements PanacheRepositoryBase<WorkloadEntity, Long> {

    private static final String FETCH =
            "from WorkloadEntity w left join fetch w.regions left join fetch w.tenant where ";

    public Uni<WorkloadEntity> findByName(String name) {
        // Not firstResult(): a row limit on a collection fetch makes Hibernate fetch everything and cut in memory.
        return list(FETCH + "w.name = ?1", name).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * Returns up to {@code limit} workloads after the given name, in name order, that match the filters. The page
     * is chosen on the workload table alone and the regions fetched afterwards, so the database does the limit.
     */
    Uni<List<WorkloadEntity>> page(Optional<String> after, int limit, WorkloadFilter filter) {
        StringBuilder query = new StringBuilder("select w.id from WorkloadEntity w where 1 = 1");
        Parameters parameters = new Parameters();
        after.ifPresent(name -> {
            query.append(" and w.name > :after");
            parameters.and("after", name);
        });
        filter.tenant().ifPresent(slug -> {
            query.append(" and w.tenant.slug = :tenant");
            parameters.and("tenant", slug);
        });
        if (filter.platformOnly()) {
            query.append(" and w.tenant is null");
        }
        filter.region().ifPresent(region -> {
            query.append(" and exists (select 1 from WorkloadEntity other join other.regions r"
                    + " where other.id = w.id and r.name = :region)");
            parameters.and("region", region);
        });
        query.append(" order by w.name");
        return Panache.getSession()
                .chain(session -> {
                    var ids = session.createSelectionQuery(query.toString(), Long.class)
                            .setMaxResults(limit);
                    parameters.map().forEach(ids::setParameter);
                    return ids.getResultList();
                })
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(List.<WorkloadEntity>of())
                        : list(FETCH + "w.id in ?1", ids)
                                .map(workloads -> workloads.stream()
                                        .distinct()
                                        .sorted(Comparator.comparing(workload -> workload.name))
                                        .toList()));
    }

    /**
     * Filters of the workload list.
     *
     * @param tenant workloads of this tenant only; a tenant administrator is always limited to its own
     * @param platformOnly platform workloads only
     */
    record WorkloadFilter(Optional<String> tenant, boolean platformOnly, Optional<String> region) {}
}
