package io.securewatch.controlplane.web;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.persistence.OptimisticLockException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Translates database errors that a client can cause, mostly constraint violations lost in a race, into API
 * errors. Services check these conditions before writing; the constraints are the last line.
 */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    /** The start of the Vert.x SQL client's message for a command sent on a closed connection. */
    private static final String CONNECTION_NOT_ACTIVE = "Connection is not active now";

    /** Messages for the unique and foreign-key constraints named in the Flyway migrations. */
    private static final Map<String, ApiException> CONSTRAINTS = Map.ofEntries(
            Map.entry(
                    "region_name_key",
                    new ApiException(ProblemType.ALREADY_EXISTS, "a region with this name already exists")),
            Map.entry(
                    "region_consul_datacenter_key",
                    new ApiException(
                            ProblemType.CONFLICT,
                            "consulDatacenter: another region already uses this Consul datacenter; each region needs its own")),
            Map.entry(
                    "cluster_name_key",
                    new ApiException(ProblemType.ALREADY_EXISTS, "a cluster with this name already exists")),
            Map.entry(
                    "tenant_slug_key",
                    new ApiException(ProblemType.ALREADY_EXISTS, "a tenant with this slug already exists")),
            Map.entry(
                    "workload_name_key",
                    new ApiException(ProblemType.ALREADY_EXISTS, "a workload with this name already exists")),
            Map.entry(
                    "workload_service_name_key",
                    new ApiException(
                            ProblemType.CONFLICT,
                            "service.name: another workload has a Service of this name in the namespace; choose another name")),
            Map.entry(
                    "drill_name_key",
                    new ApiException(ProblemType.ALREADY_EXISTS, "a drill with this name already exists")),
            Map.entry(
                    "idempotency_record_key",
                    new ApiException(
                            ProblemType.CONFLICT,
                            "a request with this Idempotency-Key is being processed; retry after it completes")),
            Map.entry(
                    "cluster_region_fk",
                    new ApiException(ProblemType.HAS_DEPENDANTS, "the region has clusters; delete them first")),
            Map.entry(
                    "tenant_region_region_fk",
                    new ApiException(
                            ProblemType.HAS_DEPENDANTS,
                            "tenants run in the region; remove it from their regions first")),
            Map.entry(
                    "workload_region_region_fk",
                    new ApiException(
                            ProblemType.HAS_DEPENDANTS,
                            "workloads run in the region; remove it from their regions first")),
            Map.entry(
                    "workload_tenant_fk",
                    new ApiException(ProblemType.HAS_DEPENDANTS, "the tenant owns workloads; delete them first")));

    private DatabaseErrors() {}

    /**
     * Returns the API error for a database error a client caused, or empty for a server fault.
     *
     * @param clientNamedVersion whether the request sent {@code If-Match} with a version. A concurrent change
     *     that wins the race then makes that precondition false (412). Without one, the request only lost a race
     *     and can be sent again as it is (409).
     */
    public static Optional<ApiException> translate(Throwable error, boolean clientNamedVersion) {
        if (findCause(error, OptimisticLockException.class).isPresent()
                || findCause(error, StaleStateException.class).isPresent()) {
            return Optional.of(
                    clientNamedVersion
                            ? new ApiException(
                                    ProblemType.PRECONDITION_FAILED,
                                    "the object changed while the request ran; fetch it again and retry with the new ETag")
                            : new ApiException(
                                    ProblemType.CONFLICT,
                                    "the object changed while the request ran; retry the request"));
        }
        Optional<DatabaseError> database = databaseError(error);
        if (database.isEmpty()) {
            return Optional.empty();
        }
        String state = database.get().sqlState();
        if (UNIQUE_VIOLATION.equals(state) || FOREIGN_KEY_VIOLATION.equals(state)) {
            ApiException known = CONSTRAINTS.get(database.get().constraint());
            if (known != null) {
                return Optional.of(known);
            }
            return Optional.of(new ApiException(
                    ProblemType.CONFLICT, "the change conflicts with other stored objects; reload them and retry"));
        }
        if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
            return Optional.of(new ApiException(
                    ProblemType.CONFLICT, "the change collided with a concurrent change; retry the request"));
        }
        return Optional.empty();
    }

    /**
     * Tells whether the error means that the database cannot be reached, is shutting down or starting up, or reset or
     * closed the connection while the request was using it, as when PostgreSQL crashes or restarts. The REST resources
     * call nothing but PostgreSQL, so a socket error that reaches the error mapper comes from a database connection.
     * Each cause of a Mutiny {@link CompositeException} counts, because a failed transaction often reports its
     * rollback's failure beside the lost connection.
     */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable cause : causes(error)) {
            if (cause instanceof SocketException
                    || cause instanceof ClosedConnectionException
                    || isCommandOnClosedConnection(cause)) {
                return true;
            }
        }
        String state = databaseError(error).map(DatabaseError::sqlState).orElse("");
        return state.startsWith("08") || state.startsWith("57P");
    }

    /**
     * Tells whether the error is the Vert.x SQL client's rejection of a command on a connection that has already
     * closed. Vert.x 4.5 raises it as a plain {@link NoStackTraceThrowable} with this message and no type of its own.
     */
    private static boolean isCommandOnClosedConnection(Throwable error) {
        return error instanceof NoStackTraceThrowable
                && error.getMessage() != null
                && error.getMessage().startsWith(CONNECTION_NOT_ACTIVE);
    }

    /** Returns the error and its causes, with every cause of a composite, at most 16 levels deep. */
    private static List<Throwable> causes(Throwable error) {
        List<Throwable> found = new ArrayList<>();
        List<Throwable> level = List.of(error);
        for (int depth = 0; !level.isEmpty() && depth < 16; depth++) {
            List<Throwable> next = new ArrayList<>();
            for (Throwable current : level) {
                if (found.contains(current)) {
                    continue;
                }
                found.add(current);
                if (current instanceof CompositeException composite) {
                    next.addAll(composite.getCauses());
                } else if (current.getCause() != null) {
                    next.add(current.getCause());
                }
            }
            level = next;
        }
        return found;
    }

    /**
     * Finds the SQL state and constraint of a database error. Hibernate Reactive reports constraint violations
     * as Hibernate exceptions around a {@link SQLException}; errors outside Hibernate arrive as the Vert.x
     * {@link PgException}.
     */
    private static Optional<DatabaseError> databaseError(Throwable error) {
        Optional<ConstraintViolationException> violation = findCause(error, ConstraintViolationException.class);
        if (violation.isPresent()) {
            return Optional.of(new DatabaseError(
                    violation.get().getSQLState(), violation.get().getConstraintName()));
        }
        Optional<PgException> pg = findCause(error, PgException.class);
        if (pg.isPresent()) {
            return Optional.of(
                    new DatabaseError(pg.get().getSqlState(), pg.get().getConstraint()));
        }
        return findCause(error, SQLException.class).map(sql -> new DatabaseError(sql.getSQLState(), null));
    }

    /** SQL state and, for constraint violations, the constraint name. */
    private record DatabaseError(String sqlState, String constraint) {}

    private static <T extends Throwable> Optional<T> findCause(Throwable error, Class<T> type) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            current = current.getCause();
        }
        return Optional.empty();
    }
}
