package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TTL bookkeeping of the catalog, driven directly with a scheduler that only records, so no test waits. */
class CatalogTtlTest {

    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final Catalog catalog = new Catalog(new RaftIndex(), scheduler, "eu-west-1", "node-1", "node-id");

    @Test
    void registrationStartsTheTtl() {
        // when
        register(new JsonObject().put("TTL", "15s").put("Status", "passing"));

        // then
        assertThat(scheduler.scheduled).containsEntry("service:api-1", Duration.ofSeconds(15));
    }

    @Test
    void expiryMarksTheCheckCritical() {
        // given
        register(new JsonObject().put("TTL", "15s").put("Status", "passing"));

        // when
        catalog.expireTtl("service:api-1", scheduler.generations.get("service:api-1"));

        // then
        HealthCheck check = check("service:api-1");
        assertThat(check.status()).isEqualTo(CheckStatus.CRITICAL);
        assertThat(check.output()).isEqualTo("TTL expired");
    }

    @Test
    void expiryScheduledBeforeAnUpdateIsIgnored() {
        // given
        register(new JsonObject().put("TTL", "15s").put("Status", "passing"));
        long firstGeneration = scheduler.generations.get("service:api-1");
        catalog.updateTtlCheck("service:api-1", CheckStatus.PASSING, "still alive");

        // when
        catalog.expireTtl("service:api-1", firstGeneration);

        // then
        assertThat(check("service:api-1").status()).isEqualTo(CheckStatus.PASSING);
        assertThat(scheduler.generations.get("service:api-1")).isGreaterThan(firstGeneration);
    }

    @Test
    void checkNoLongerTtlStopsItsTimer() {
        // given
        register(new JsonObject().put("TTL", "15s").put("Status", "passing"));
        long ttlGeneration = scheduler.generations.get("service:api-1");

        // when
        register(new JsonObject().put("HTTP", "http://127.0.0.1:1/health").put("Interval", "10s"));
        catalog.expireTtl("service:api-1", ttlGeneration);

        // then
        assertThat(scheduler.cancelled).contains("service:api-1");
        assertThat(check("service:api-1").status()).isEqualTo(CheckStatus.PASSING);
    }

    @Test
    void deregistrationStopsTheTimer() {
        // given
        register(new JsonObject().put("TTL", "15s"));

        // when
        catalog.deregisterService("api-1");

        // then
        assertThat(scheduler.cancelled).containsExactly("service:api-1");
    }

    private void register(JsonObject check) {
        JsonObject body = new JsonObject().put("ID", "api-1").put("Name", "api").put("Check", check);
        RegistrationRequests.ServiceRegistration registration = RegistrationRequests.service(body);
        catalog.registerService(registration.service(), registration.checks(), false);
    }

    private HealthCheck check(String checkId) {
        return catalog.checks().stream()
                .filter(check -> check.id().equals(checkId))
                .findFirst()
                .orElseThrow();
    }

    private static final class RecordingScheduler implements Catalog.TtlScheduler {
        final Map<String, Duration> scheduled = new HashMap<>();
        final Map<String, Long> generations = new HashMap<>();
        final List<String> cancelled = new ArrayList<>();

        @Override
        public void schedule(String checkId, long generation, Duration ttl) {
            scheduled.put(checkId, ttl);
            generations.put(checkId, generation);
        }

        @Override
        public void cancel(String checkId) {
            cancelled.add(checkId);
        }
    }
}
