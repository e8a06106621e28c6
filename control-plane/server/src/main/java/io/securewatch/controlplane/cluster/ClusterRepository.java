package io.securewatch.controlplane.cluster;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Queries over clusters; each one fetches the cluster's region in the same statement. */
@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<ClusterEntity, Long> {

    public Uni<ClusterEntity> findByName(String name) {
        return find("from ClusterEntity c join fetch c.region where c.name = ?1", name)
                .firstResult();
    }

    /** Returns up to {@code limit} clusters after the given name, in name order, that match the filters. */
    Uni<List<ClusterEntity>> page(
            Optional<String> after, int limit, Optional<String> region, List<LabelSelector> labels) {
        StringBuilder query = new StringBuilder("from ClusterEntity c join fetch c.region r where 1 = 1");
        Parameters parameters = new Parameters();
        after.ifPresent(name -> {
            query.append(" and c.name > :after");
            parameters.and("after", name);
        });
        region.ifPresent(name -> {
            query.append(" and r.name = :region");
            parameters.and("region", name);
        });
        for (int i = 0; i < labels.size(); i++) {
            query.append(" and function('jsonb_extract_path_text', c.labels, :labelKey")
                    .append(i)
                    .append(") = :labelValue")
                    .append(i);
            parameters.and("labelKey" + i, labels.get(i).key());
            parameters.and("labelValue" + i, labels.get(i).value());
        }
        query.append(" order by c.name");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }
}
