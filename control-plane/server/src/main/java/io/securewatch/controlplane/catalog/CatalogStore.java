package io.securewatch.controlplane.catalog;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what the catalog watch learns, through the reactive SQL client: the watch runs on Vert.x callbacks, outside
 * any request, where a plain connection is simpler than a Hibernate session.
 */
@ApplicationScoped
public class CatalogStore {

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    /** An instance as Consul's health endpoint reports it. */
    record Instance(
            String instanceId,
            String node,
            String address,
            int port,
            List<String> tags,
            String tenant,
            String cluster,
            String health) {}

    /** Returns the ids of the regions whose Consul datacenter is one of the given names. */
    Uni<Map<String, Long>> regionsByDatacenter() {
        return pool.query("select consul_datacenter, id from region").execute().map(rows -> {
            Map<String, Long> regions = new java.util.HashMap<>();
            rows.forEach(row -> regions.put(row.getString(0), row.getLong(1)));
            return regions;
        });
    }

    Uni<Void> watching(long regionId, String address) {
        return pool.preparedQuery("insert into catalog_region (region_id, consul_address) values ($1, $2)"
                        + " on conflict (region_id) do update set consul_address = $2, circuit = 'closed'")
                .execute(Tuple.of(regionId, address))
                .replaceWithVoid();
    }

    /** Records that the region's Consul responded. */
    Uni<Void> contact(long regionId) {
        return pool.preparedQuery("update catalog_region set last_contact_at = $1 where region_id = $2")
                .execute(Tuple.of(now(), regionId))
                .replaceWithVoid();
    }

    /** Records the state of the circuit breaker around the region's Consul. */
    Uni<Void> circuit(long regionId, String state) {
        return pool.preparedQuery("update catalog_region set circuit = $1 where region_id = $2")
                .execute(Tuple.of(state, regionId))
                .replaceWithVoid();
    }

    /** Records a failed query; the message names the failure, never a credential. */
    Uni<Void> failure(long regionId, String message) {
        String trimmed = message == null ? "unknown error" : message.substring(0, Math.min(500, message.length()));
        return pool.preparedQuery("update catalog_region set last_error = $1, last_error_at = $2 where region_id = $3")
                .execute(Tuple.of(trimmed, now(), regionId))
                .replaceWithVoid();
    }

    /** Replaces the region's instances of a service with the given ones, in one transaction. */
    Uni<Void> replaceInstances(long regionId, String service, List<Instance> instances) {
        OffsetDateTime now = now();
        return pool.withTransaction(connection -> {
            Uni<Void> delete = connection
                    .preparedQuery("delete from catalog_instance where region_id = $1 and service = $2")
                    .execute(Tuple.of(regionId, service))
                    .replaceWithVoid();
            if (instances.isEmpty()) {
                return delete;
            }
            List<Tuple> rows = new ArrayList<>();
            for (Instance instance : instances) {
                rows.add(Tuple.tuple()
                        .addLong(regionId)
                        .addString(service)
                        .addString(instance.instanceId())
                        .addString(instance.node())
                        .addString(instance.address())
                        .addInteger(instance.port())
                        .addArrayOfString(instance.tags().toArray(String[]::new))
                        .addString(instance.tenant())
                        .addString(instance.cluster())
                        .addString(instance.health())
                        .addOffsetDateTime(now));
            }
            return delete.chain(() -> connection
                    .preparedQuery("insert into catalog_instance (region_id, service, instance_id, node, address,"
                            + " port, tags, tenant, cluster, health, updated_at)"
                            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                    .executeBatch(rows)
                    .replaceWithVoid());
        });
    }

    /** Removes the region's instances of services that left its Consul. */
    Uni<Void> removeServicesExcept(long regionId, List<String> services) {
        return pool.preparedQuery("delete from catalog_instance where region_id = $1 and service <> all($2)")
                .execute(Tuple.of(regionId, services.toArray(String[]::new)))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
