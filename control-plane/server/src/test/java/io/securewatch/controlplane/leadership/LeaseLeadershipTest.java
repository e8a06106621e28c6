package io.securewatch.controlplane.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeaseLeadershipTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Inject
    LeaseLeadership leadership;

    @Inject
    LeadershipConfig config;

    @Inject
    Event<LeadershipChanged> changed;

    @Inject
    Scheduler scheduler;

    /** Returns a second replica's lease client on the same database, renewed only when a test calls for it. */
    private LeaseLeadership candidate(String name) {
        LeaseLeadership other = new LeaseLeadership();
        other.config = config;
        other.replica = new ReplicaIdentity(Optional.of(name));
        other.meters = new SimpleMeterRegistry();
        other.changed = changed;
        other.registerMetrics();
        return other;
    }

    private static void expireLease() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update leader_lease set expires_at = now() - interval '1 second'")
                        .executeUpdate())));
    }

    @Test
    void takeoverFencesTheDeposedLeader() throws Throwable {
        // given this replica leads
        await().atMost(WITHIN).until(leadership::isLeader);
        long firstEpoch = leadership.epoch();
        LeaseLeadership other = candidate("other-replica");

        // when another replica tries while the lease is live
        VertxContextSupport.subscribeAndAwait(other::renew);

        // then it does not lead
        assertThat(other.isLeader()).isFalse();

        // when the leader stops renewing past its lease, as a paused process would, and the other one renews
        scheduler.pause("leader-lease");
        try {
            expireLease();
            VertxContextSupport.subscribeAndAwait(other::renew);

            // then the other one leads under a higher epoch
            assertThat(other.isLeader()).isTrue();
            assertThat(other.epoch()).isEqualTo(firstEpoch + 1);

            // and the deposed leader, which still believes it leads, cannot write
            assertThat(leadership.isLeader()).isTrue();
            assertThatThrownBy(() ->
                            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(leadership::fence)))
                    .isInstanceOf(FencedOutException.class)
                    .hasMessageContaining("epoch " + firstEpoch);

            // when it wakes up and renews, then it learns that it lost the lease
            VertxContextSupport.subscribeAndAwait(leadership::renew);
            assertThat(leadership.isLeader()).isFalse();
        } finally {
            VertxContextSupport.subscribeAndAwait(other::release);
            scheduler.resume("leader-lease");
        }

        // then, once the other one released the lease, this replica leads again under a newer epoch
        await().atMost(WITHIN).until(leadership::isLeader);
        assertThat(leadership.epoch()).isGreaterThan(firstEpoch + 1);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(leadership::fence));
    }

    @Test
    void replicaWithoutLeaseIsFencedOut() {
        // given
        LeaseLeadership other = candidate("never-renewed");

        // when / then
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(other::fence)))
                .isInstanceOf(FencedOutException.class)
                .hasMessage("replica never-renewed no longer holds the leader lease; its leader-only write is"
                        + " rejected");
    }

    @Test
    void sessionIdleInATransactionEndsAfterOneLease() throws Throwable {
        // given a connection of the application's pool, when it reads the server's setting
        String timeout = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select current_setting('idle_in_transaction_session_timeout')", String.class)
                        .getSingleResult())));

        // then a replica frozen inside a transaction cannot hold the lease's row lock past one lease
        assertThat(timeout).isEqualTo(config.leaseTime().toSeconds() + "s");
    }
}
