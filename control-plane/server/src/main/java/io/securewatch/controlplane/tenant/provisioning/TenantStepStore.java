package io.securewatch.controlplane.tenant.provisioning;

import static io.securewatch.controlplane.sql.SqlValues.instant;
import static io.securewatch.controlplane.sql.SqlValues.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes {@code tenant_step} in the caller's session. */
@ApplicationScoped
public class TenantStepStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Long>> TARGETS = new TypeReference<>() {};

    private static final String COLUMNS = "tenant_id, name, operation, position, state, attempts, message, last_error,"
            + " cast(targets as text), started_at, last_attempt_at, next_attempt_at, finished_at";

    /** Replaces the tenant's steps with new pending ones, due at once. */
    public Uni<Void> replace(long tenantId, TenantOperation operation, List<String> names, Instant now) {
        return Panache.getSession().chain(session -> {
            Uni<Integer> writes = session.createNativeQuery("delete from tenant_step where tenant_id = :tenant")
                    .setParameter("tenant", tenantId)
                    .executeUpdate();
            for (int position = 0; position < names.size(); position++) {
                int index = position;
                writes = writes.chain(() -> session.createNativeQuery(
                                "insert into tenant_step (tenant_id, name, operation, position, state, started_at,"
                                        + " next_attempt_at) values (:tenant, :name, :operation, :position,"
                                        + " 'PENDING', :now, :now)")
                        .setParameter("tenant", tenantId)
                        .setParameter("name", names.get(index))
                        .setParameter("operation", operation.name())
                        .setParameter("position", index)
                        .setParameter("now", now)
                        .executeUpdate());
            }
            return writes.replaceWithVoid();
        });
    }

    /** Returns the tenant's steps in their order. */
    public Uni<List<TenantStep>> steps(long tenantId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select " + COLUMNS + " from tenant_step where tenant_id = :tenant order by position",
                                Object[].class)
                        .setParameter("tenant", tenantId)
                        .getResultList())
                .map(rows -> rows.stream().map(TenantStepStore::toStep).toList());
    }

    /** Returns the steps that are not done and whose next attempt is due, oldest first. */
    public Uni<List<TenantStep>> due(Instant now, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select " + COLUMNS + " from tenant_step where state <> 'DONE'"
                                        + " and next_attempt_at <= :now order by next_attempt_at, tenant_id, position",
                                Object[].class)
                        .setParameter("now", now)
                        .setMaxResults(limit)
                        .getResultList())
                .map(rows -> rows.stream().map(TenantStepStore::toStep).toList());
    }

    /**
     * Records an attempt of a step, unless a newer operation replaced the step meanwhile.
     *
     * @return whether the step was still there
     */
    public Uni<Boolean> record(
            TenantStep step, StepOutcome outcome, Map<String, Long> targets, Instant now, Instant next) {
        boolean failed = outcome.state() == StepState.FAILING;
        boolean done = outcome.state() == StepState.DONE;
        // A failure records its error, a finished step clears it, and a waiting step keeps the last one.
        String error = step.lastError();
        if (failed) {
            error = abbreviate(outcome.error());
        } else if (done) {
            error = null;
        }
        String lastError = error;
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update tenant_step set state = :state, attempts = attempts + :failed,"
                                        + " message = :message, last_error = :error, targets = cast(cast(:targets as text) as jsonb),"
                                        + " last_attempt_at = :now, next_attempt_at = :next, finished_at = :finished"
                                        + " where tenant_id = :tenant and name = :name and operation = :operation"
                                        + " and started_at = :started")
                        .setParameter("state", outcome.state().name())
                        .setParameter("failed", failed ? 1 : 0)
                        .setParameter("message", abbreviate(outcome.message()))
                        .setParameter("error", lastError)
                        .setParameter("targets", json(targets))
                        .setParameter("now", now)
                        .setParameter("next", next)
                        .setParameter("finished", done ? now : null)
                        .setParameter("tenant", step.tenantId())
                        .setParameter("name", step.name())
                        .setParameter("operation", step.operation().name())
                        .setParameter("started", step.startedAt())
                        .executeUpdate())
                .map(updated -> updated > 0);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    private static String json(Map<String, Long> targets) {
        try {
            return JSON.writeValueAsString(targets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("revision targets cannot be written as JSON", e);
        }
    }

    private static TenantStep toStep(Object[] row) {
        Map<String, Long> targets;
        try {
            targets = JSON.readValue((String) row[8], TARGETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tenant_step.targets is not a JSON object of revisions", e);
        }
        return new TenantStep(
                number(row[0]),
                (String) row[1],
                TenantOperation.valueOf((String) row[2]),
                (int) number(row[3]),
                StepState.valueOf((String) row[4]),
                (int) number(row[5]),
                (String) row[6],
                (String) row[7],
                targets,
                instant(row[9]),
                instant(row[10]),
                instant(row[11]),
                instant(row[12]));
    }
}
