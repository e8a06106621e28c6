package io.securewatch.controlplane.clusterstate;

import static io.securewatch.controlplane.sql.SqlValues.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.RoutingPolicyRequest.Limits;
import io.securewatch.api.v1.RoutingPolicyRequest.OutlierDetection;
import io.securewatch.api.v1.RoutingPolicyRequest.Retries;
import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import io.securewatch.api.v1.ScalingBehavior;
import io.securewatch.controlplane.desiredstate.RoutingInput;
import io.securewatch.controlplane.desiredstate.RoutingManifests;
import io.securewatch.controlplane.desiredstate.WorkloadInput;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/** Loads workloads with their scaling and routing policies for the compiler, with native SQL in the refresher's session. */
final class WorkloadInputs {

    /** Workloads that run in any of the given regions, except those of tenants being deleted. */
    static final String WORKLOADS_OF_REGIONS = "select wr.workload_id from workload_region wr"
            + " join region r on r.id = wr.region_id where r.name in (:regions)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
    private static final TypeReference<Map<String, ReplicaBounds>> OVERRIDES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Integer>> FLOORS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Long>> WEIGHTS = new TypeReference<>() {};

    private WorkloadInputs() {}

    static Uni<List<WorkloadInput>> load(Mutiny.Session session, List<String> regions) {
        return session.createNativeQuery(
                        "select w.name, t.slug, w.namespace, cast(w.labels as text), cast(w.deployment as text),"
                                + " w.service_name, cast(w.service as text),"
                                + " (select string_agg(r.name, ',' order by r.name) from workload_region wr"
                                + " join region r on r.id = wr.region_id where wr.workload_id = w.id),"
                                + " p.min_replicas, p.max_replicas, p.target_cpu_utilization,"
                                + " p.target_memory_utilization, cast(p.behavior as text),"
                                + " cast(p.region_overrides as text), cast(s.floors as text),"
                                + " case when rp.strategy = 'WEIGHTED' then cast(rp.weights as text) end,"
                                + " rp.strategy, cast(rp.weights as text), array_to_string(rp.failover_order, ','),"
                                + " cast(rp.outlier_detection as text), rp.connect_timeout_ms, rp.request_timeout_ms,"
                                + " cast(rp.retries as text), cast(rp.limits as text),"
                                + " (select string_agg(r.name || '=' || r.consul_datacenter, ',' order by r.name)"
                                + " from workload_region wr join region r on r.id = wr.region_id"
                                + " where wr.workload_id = w.id),"
                                + " (select string_agg(distinct r.name, ',') from drill_evacuation de"
                                + " join region r on r.id = de.region_id where de.workload_id = w.id),"
                                + " (select string_agg(c.name || '=' || ce.drained, ',') from drill_cluster_evacuation ce"
                                + " join cluster c on c.id = ce.cluster_id where ce.workload_id = w.id)"
                                + " from workload w left join tenant t on t.id = w.tenant_id"
                                + " left join scaling_policy p on p.workload_id = w.id"
                                + " left join workload_prescale s on s.workload_id = w.id"
                                + " left join routing_policy rp on rp.workload_id = w.id"
                                + " where w.id in (" + WORKLOADS_OF_REGIONS + ")"
                                + " and (t.id is null or t.status <> 'DELETING') order by w.name",
                        Object[].class)
                .setParameter("regions", regions)
                .getResultList()
                .map(rows -> rows.stream().map(WorkloadInputs::toInput).toList());
    }

    private static WorkloadInput toInput(Object[] row) {
        WorkloadInput.ScalingInput scaling = row[8] == null
                ? null
                : new WorkloadInput.ScalingInput(
                        (int) number(row[8]),
                        (int) number(row[9]),
                        row[10] == null ? null : (int) number(row[10]),
                        row[11] == null ? null : (int) number(row[11]),
                        row[12] == null ? null : read((String) row[12], new TypeReference<ScalingBehavior>() {}),
                        read((String) row[13], OVERRIDES),
                        row[14] == null ? Map.of() : read((String) row[14], FLOORS));
        Map<String, Object> deployment = read((String) row[4], OBJECT);
        return new WorkloadInput(
                (String) row[0],
                (String) row[1],
                (String) row[2],
                Arrays.asList(((String) row[7]).split(",")),
                read((String) row[3], LABELS),
                deployment,
                (String) row[5],
                row[6] == null ? null : read((String) row[6], OBJECT),
                scaling,
                row[15] == null ? Map.of() : read((String) row[15], WEIGHTS),
                row[5] == null || row[16] == null ? Map.of() : RoutingManifests.perRegion(routing(row, deployment)),
                evacuatedClusters((String) row[26]));
    }

    /** Builds the routing renderer's input from the policy's columns; the service is named after the workload. */
    private static RoutingInput routing(Object[] row, Map<String, Object> deployment) {
        List<RoutingInput.Region> regions = new ArrayList<>();
        for (String pair : ((String) row[24]).split(",")) {
            int separator = pair.indexOf('=');
            regions.add(new RoutingInput.Region(pair.substring(0, separator), pair.substring(separator + 1)));
        }
        String failoverOrder = (String) row[18];
        return new RoutingInput(
                (String) row[0],
                regions,
                Strategy.valueOf((String) row[16]),
                read((String) row[17], new TypeReference<Map<String, Integer>>() {}),
                failoverOrder == null || failoverOrder.isEmpty() ? List.of() : List.of(failoverOrder.split(",")),
                row[19] == null ? null : read((String) row[19], new TypeReference<OutlierDetection>() {}),
                (int) number(row[20]),
                (int) number(row[21]),
                row[22] == null ? null : read((String) row[22], new TypeReference<Retries>() {}),
                row[23] == null ? null : read((String) row[23], new TypeReference<Limits>() {}),
                RoutingInput.healthCheckPath(deployment),
                row[25] == null ? Set.of() : Set.of(((String) row[25]).split(",")));
    }

    /** Parses {@code <cluster>=<drained>,...}, as PostgreSQL writes booleans: {@code true} or {@code false}. */
    private static Map<String, Boolean> evacuatedClusters(String pairs) {
        Map<String, Boolean> clusters = new java.util.TreeMap<>();
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                int separator = pair.lastIndexOf('=');
                clusters.put(pair.substring(0, separator), Boolean.parseBoolean(pair.substring(separator + 1)));
            }
        }
        return clusters;
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored workload column is not the expected JSON", e);
        }
    }
}
