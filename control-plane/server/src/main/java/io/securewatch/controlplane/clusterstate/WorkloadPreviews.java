package io.securewatch.controlplane.clusterstate;

import static io.securewatch.controlplane.sql.SqlValues.number;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.controlplane.desiredstate.ClusterInput;
import io.securewatch.controlplane.desiredstate.DesiredStateCompiler;
import io.securewatch.controlplane.desiredstate.DesiredStateCompiler.WorkloadShare;
import io.securewatch.controlplane.desiredstate.WorkloadInput;
import io.securewatch.controlplane.web.ApiException;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Shows what one workload would become in each cluster after a change, from the same stored inputs and compiler
 * as the clusters' bundles, without writing anything.
 */
public final class WorkloadPreviews {

    /** One cluster with the workload's share of it. */
    public record ClusterPreview(ClusterInput cluster, WorkloadShare share) {}

    private WorkloadPreviews() {}

    /**
     * Loads the workload's compiler input, applies the change and splits the result over the clusters of its
     * regions, in cluster name order. Runs in the caller's session.
     *
     * @param regions the workload's regions
     */
    public static Uni<List<ClusterPreview>> preview(
            String workload, List<String> regions, UnaryOperator<WorkloadInput> change) {
        return Panache.getSession()
                .chain(session -> WorkloadInputs.load(session, regions).chain(inputs -> {
                    WorkloadInput input = inputs.stream()
                            .filter(candidate -> candidate.name().equals(workload))
                            .findFirst()
                            .orElseThrow(() -> ApiException.notFound("workload", workload));
                    return session.createNativeQuery(
                                    "select c.name, r.name, c.cpu_millis, c.memory_bytes from cluster c"
                                            + " join region r on r.id = c.region_id where r.name in (:regions)"
                                            + " order by c.name",
                                    Object[].class)
                            .setParameter("regions", input.regions())
                            .getResultList()
                            .map(rows -> {
                                List<ClusterInput> clusters = rows.stream()
                                        .map(row -> new ClusterInput(
                                                (String) row[0], (String) row[1], number(row[2]), number(row[3])))
                                        .toList();
                                Map<String, WorkloadShare> shares =
                                        DesiredStateCompiler.workloadShares(change.apply(input), clusters);
                                List<ClusterPreview> previews = new ArrayList<>();
                                for (ClusterInput cluster : clusters) {
                                    WorkloadShare share = shares.get(cluster.name());
                                    if (share != null) {
                                        previews.add(new ClusterPreview(cluster, share));
                                    }
                                }
                                return previews;
                            });
                }));
    }
}
