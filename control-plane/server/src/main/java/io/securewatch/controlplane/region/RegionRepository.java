package io.securewatch.controlplane.region;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.securewatch.api.v1.RegionStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Queries over regions. */
@ApplicationScoped
public class RegionRepository implements PanacheRepositoryBase<RegionEntity, Long> {

    public Uni<RegionEntity> findByName(String name) {
        return find("name", name).firstResult();
    }

    public Uni<RegionEntity> findByConsulDatacenter(String consulDatacenter) {
        return find("consulDatacenter", consulDatacenter).firstResult();
    }

    public Uni<List<RegionEntity>> findByNames(Collection<String> names) {
        return list("name in ?1", names);
    }

    /**
     * Returns up to {@code limit} regions after the given name, in name order, that match the filters.
     */
    public Uni<List<RegionEntity>> page(
            Optional<String> after, int limit, Optional<String> residencyZone, Optional<RegionStatus> status) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        after.ifPresent(name -> {
            query.append(" and name > :after");
            parameters.and("after", name);
        });
        residencyZone.ifPresent(zone -> {
            query.append(" and residencyZone = :zone");
            parameters.and("zone", zone);
        });
        status.ifPresent(value -> {
            query.append(" and status = :status");
            parameters.and("status", value);
        });
        return find(query.toString(), Sort.by("name"), parameters)
                .range(0, limit - 1)
                .list();
    }
}
