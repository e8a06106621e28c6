package io.securewatch.controlplane.catalog;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.CatalogService;
import io.securewatch.api.v1.CatalogService.CatalogInstance;
import io.securewatch.api.v1.CatalogService.CatalogRegion;
import io.securewatch.api.v1.Page;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the global catalog for the API. Reads only PostgreSQL, never Consul, so a slow or unreachable region cannot
 * slow the API down; its entries are shown as stale instead.
 */
@ApplicationScoped
public class CatalogQueries {

    @Inject
    CatalogConfig config;

    @Inject
    Clock clock;

    /** Returns a page of the services the caller may see, in name order, with per-region counts. */
    public Uni<Page<CatalogService>> list(PageRequest page, TenantScope scope) {
        StringBuilder sql = new StringBuilder("select distinct service from catalog_instance where 1 = 1");
        page.after().ifPresent(after -> sql.append(" and service > :after"));
        if (scope.tenant().isPresent()) {
            sql.append(" and tenant = :tenant");
        }
        sql.append(" order by service limit :limit");
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(sql.toString(), String.class)
                            .setParameter("limit", page.rowsToFetch());
                    page.after().ifPresent(after -> query.setParameter("after", after));
                    scope.tenant().ifPresent(tenant -> query.setParameter("tenant", tenant));
                    return query.getResultList();
                })
                .chain(names -> {
                    if (names.isEmpty()) {
                        return Uni.createFrom().item(new Page<CatalogService>(List.of(), null));
                    }
                    List<String> shown = names.subList(0, Math.min(names.size(), page.limit()));
                    return rows(shown, scope).map(rows -> {
                        List<CatalogService> services = summarize(rows, false);
                        String next = names.size() > page.limit()
                                ? PageRequest.cursorAfter(shown.get(shown.size() - 1))
                                : null;
                        return new Page<>(services, next);
                    });
                });
    }

    /** Returns one service with its instances, or fails with 404. */
    public Uni<CatalogService> get(String service, TenantScope scope) {
        if (!isPossibleName(service)) {
            return Uni.createFrom().failure(ApiException.notFound("service", String.valueOf(service)));
        }
        return rows(List.of(service), scope).map(rows -> {
            List<CatalogService> found = summarize(rows, true);
            if (found.isEmpty()) {
                throw ApiException.notFound("service", service);
            }
            return found.get(0);
        });
    }

    /** Returns whether the catalog has instances of the service that the caller may see. */
    public Uni<Boolean> isListed(String service, TenantScope scope) {
        if (!isPossibleName(service)) {
            return Uni.createFrom().item(false);
        }
        return rows(List.of(service), scope).map(rows -> !rows.isEmpty());
    }

    private Uni<List<Object[]>> rows(List<String> services, TenantScope scope) {
        StringBuilder sql = new StringBuilder("select i.service, i.tenant, r.name, i.instance_id, i.node, i.address,"
                + " i.port, i.cluster, i.health, array_to_string(i.tags, ','), i.updated_at, c.last_contact_at,"
                + " c.last_error, c.last_error_at, c.circuit"
                + " from catalog_instance i join region r on r.id = i.region_id"
                + " left join catalog_region c on c.region_id = i.region_id where 1 = 1");
        sql.append(" and i.service in (:services)");
        if (scope.tenant().isPresent()) {
            sql.append(" and i.tenant = :tenant");
        }
        sql.append(" order by i.service, r.name, i.instance_id");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), Object[].class);
            query.setParameter("services", services);
            scope.tenant().ifPresent(tenant -> query.setParameter("tenant", tenant));
            return query.getResultList();
        });
    }

    /**
     * Returns whether an instance can have the name. Instance names fit the column's 255 characters and have no
     * control characters, some of which PostgreSQL rejects outright.
     */
    private static boolean isPossibleName(String service) {
        return service != null && service.length() <= 255 && service.chars().noneMatch(Character::isISOControl);
    }

    private List<CatalogService> summarize(List<Object[]> rows, boolean withInstances) {
        Instant now = clock.instant();
        Duration freshFor = Staleness.freshFor(config);
        Map<String, Accumulator> services = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String service = (String) row[0];
            Accumulator accumulator = services.computeIfAbsent(service, name -> new Accumulator(name, (String) row[1]));
            String region = (String) row[2];
            RegionAccumulator regionAccumulator = accumulator.regions.computeIfAbsent(
                    region,
                    name -> new RegionAccumulator(
                            name, instant(row[11]), (String) row[12], instant(row[13]), (String) row[14]));
            regionAccumulator.instances++;
            if ("passing".equals(row[8])) {
                regionAccumulator.healthy++;
            }
            Instant updated = instant(row[10]);
            if (regionAccumulator.updatedAt == null || updated.isAfter(regionAccumulator.updatedAt)) {
                regionAccumulator.updatedAt = updated;
            }
            if (withInstances) {
                String tags = (String) row[9];
                accumulator.instances.add(new CatalogInstance(
                        region,
                        (String) row[3],
                        (String) row[4],
                        (String) row[5],
                        ((Number) row[6]).intValue(),
                        (String) row[7],
                        (String) row[8],
                        tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","))));
            }
        }
        List<CatalogService> result = new ArrayList<>();
        for (Accumulator accumulator : services.values()) {
            List<CatalogRegion> regions = new ArrayList<>();
            for (RegionAccumulator region : accumulator.regions.values()) {
                regions.add(region.toApi(now, freshFor));
            }
            result.add(new CatalogService(
                    accumulator.service, accumulator.tenant, regions, withInstances ? accumulator.instances : null));
        }
        return result;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return (Instant) value;
    }

    private static final class Accumulator {
        final String service;
        final String tenant;
        final Map<String, RegionAccumulator> regions = new LinkedHashMap<>();
        final List<CatalogInstance> instances = new ArrayList<>();

        Accumulator(String service, String tenant) {
            this.service = service;
            this.tenant = tenant;
        }
    }

    private static final class RegionAccumulator {
        final String region;
        final Instant lastContactAt;
        final String lastError;
        final Instant lastErrorAt;
        final String circuit;
        int instances;
        int healthy;
        Instant updatedAt;

        RegionAccumulator(String region, Instant lastContactAt, String lastError, Instant lastErrorAt, String circuit) {
            this.region = region;
            this.circuit = circuit;
            this.lastContactAt = lastContactAt;
            this.lastError = lastError;
            this.lastErrorAt = lastErrorAt;
        }

        /** Returns the region as the API shows it, stale by the rule of {@link Staleness}. */
        CatalogRegion toApi(Instant now, Duration freshFor) {
            Staleness staleness = Staleness.of(lastContactAt, lastError, lastErrorAt, now, freshFor);
            return new CatalogRegion(
                    region,
                    instances,
                    healthy,
                    updatedAt,
                    staleness.stale(),
                    staleness.staleForSeconds(),
                    staleness.lastError(),
                    circuit);
        }
    }
}
