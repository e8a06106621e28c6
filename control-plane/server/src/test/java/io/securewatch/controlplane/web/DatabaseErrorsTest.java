package io.securewatch.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/**
 * The errors that requests in flight get when PostgreSQL goes away, as the control plane's log showed them while a
 * test crashed the server under load ({@code PostgresRestartIT}).
 */
class DatabaseErrorsTest {

    /** Hibernate Reactive's report of the rollback it attempts on the lost connection. */
    private static final IllegalStateException ROLLBACK_FAILED = new IllegalStateException(
            "HR000090: Live transaction detected while closing the connection: it will be roll backed");

    @Test
    void refusedConnectionIsUnavailable() {
        Throwable error = new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432"));

        assertThat(DatabaseErrors.isUnavailable(error)).isTrue();
    }

    @Test
    void serverShuttingDownOrStartingIsUnavailable() {
        for (String state : new String[] {"57P01", "57P03", "08006"}) {
            Throwable error = new PgException("the database system is shutting down", "FATAL", state, null);

            assertThat(DatabaseErrors.isUnavailable(error)).as(state).isTrue();
        }
    }

    @Test
    void connectionResetDuringQueryIsUnavailable() {
        Throwable error = new SocketException("Connection reset");

        assertThat(DatabaseErrors.isUnavailable(error)).isTrue();
    }

    @Test
    void connectionLostDuringQueryIsUnavailable() {
        Throwable error = new HibernateException(ClosedConnectionException.INSTANCE);

        assertThat(DatabaseErrors.isUnavailable(error)).isTrue();
    }

    @Test
    void connectionLostBehindFailedRollbackIsUnavailable() {
        Throwable error = new CompositeException(ROLLBACK_FAILED, ClosedConnectionException.INSTANCE);

        assertThat(DatabaseErrors.isUnavailable(error)).isTrue();
    }

    @Test
    void commandOnClosedConnectionIsUnavailable() {
        Throwable error = new CompositeException(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"), ROLLBACK_FAILED);

        assertThat(DatabaseErrors.isUnavailable(error)).isTrue();
    }

    @Test
    void otherErrorsAreNotUnavailable() {
        Throwable[] errors = {
            ROLLBACK_FAILED,
            new CompositeException(ROLLBACK_FAILED, new IllegalArgumentException("bad")),
            new NoStackTraceThrowable("Pool closed"),
            new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)
        };
        for (Throwable error : errors) {
            assertThat(DatabaseErrors.isUnavailable(error)).as(error.toString()).isFalse();
        }
    }
}
