package io.securewatch.controlplane.drill;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.securewatch.api.v1.DrillRequest.Type;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Queries over drills. */
@ApplicationScoped
public class DrillRepository implements PanacheRepositoryBase<DrillEntity, Long> {

    public Uni<DrillEntity> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** Returns up to {@code limit} drills after the given name, in name order, that match the filters. */
    Uni<List<DrillEntity>> page(Optional<String> after, int limit, Optional<Type> type, Optional<String> target) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        after.ifPresent(name -> {
            query.append(" and name > :after");
            parameters.and("after", name);
        });
        type.ifPresent(value -> {
            query.append(" and type = :type");
            parameters.and("type", value);
        });
        target.ifPresent(value -> {
            query.append(" and target = :target");
            parameters.and("target", value);
        });
        return find(query.toString(), Sort.by("name"), parameters)
                .range(0, limit - 1)
                .list();
    }
}
