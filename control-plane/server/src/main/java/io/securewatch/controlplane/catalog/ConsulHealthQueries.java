package io.securewatch.controlplane.catalog;

import static io.securewatch.controlplane.sql.SqlValues.instant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.ConsulHealth;
import io.securewatch.controlplane.clusterstate.RegionConsulHealth;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reads the health of a region's Consul from the {@code catalog_region} row that the catalog watch keeps. Reads only
 * PostgreSQL, never Consul, like {@link CatalogQueries}.
 */
@ApplicationScoped
public class ConsulHealthQueries implements RegionConsulHealth {

    @Inject
    CatalogConfig config;

    @Inject
    Clock clock;

    /**
     * {@inheritDoc}
     *
     * <p>NOTE: a region counts as watched while it has a {@code catalog_region} row. The row stays when its datacenter
     * is later removed from {@code securewatch.catalog.consul-addresses}, so such a region keeps showing its last
     * state, which turns stale.
     */
    @Override
    public Uni<ConsulHealth> find(long regionId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select r.consul_datacenter, c.consul_address, c.circuit, c.last_contact_at,"
                                        + " c.last_error, c.last_error_at"
                                        + " from catalog_region c join region r on r.id = c.region_id"
                                        + " where c.region_id = :region",
                                Object[].class)
                        .setParameter("region", regionId)
                        .getResultList())
                .map(this::toApi);
    }

    private ConsulHealth toApi(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        Instant lastContactAt = instant(row[3]);
        Staleness staleness = Staleness.of(
                lastContactAt, (String) row[4], instant(row[5]), clock.instant(), Staleness.freshFor(config));
        return new ConsulHealth(
                (String) row[0],
                (String) row[1],
                (String) row[2],
                lastContactAt,
                staleness.stale(),
                staleness.staleForSeconds(),
                staleness.lastError());
    }
}
