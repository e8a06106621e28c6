package io.securewatch.controlplane.agentchannel;

import io.grpc.Status;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registers agents and checks their credentials, for the gRPC side. Uses the reactive SQL client directly: gRPC
 * calls run outside the REST layer's Hibernate sessions. Failures are {@code UNAUTHENTICATED} with a message
 * that never reveals which part of a secret was wrong.
 */
@ApplicationScoped
public class AgentRegistry {

    @Inject
    Pool pool;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Exchanges a registration token for a new credential; the token is spent in the same transaction. */
    public Uni<AgentSecrets.NewCredential> register(String cluster, String token, String sourceAddress) {
        if (!AgentSecrets.isRegistrationToken(token)) {
            return Uni.createFrom().failure(invalidToken());
        }
        OffsetDateTime now = now();
        return pool.withTransaction(connection -> connection
                .preparedQuery("select t.id, c.id from registration_token t join cluster c on c.id = t.cluster_id"
                        + " where t.token_hash = $1 and c.name = $2 and t.used_at is null and t.expires_at > $3"
                        + " for update of t")
                .execute(Tuple.of(AgentSecrets.hash(token), cluster, now))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(invalidToken());
                    }
                    Row row = rows.iterator().next();
                    long tokenId = row.getLong(0);
                    long clusterId = row.getLong(1);
                    AgentSecrets.NewCredential credential = AgentSecrets.newCredential();
                    return connection
                            .preparedQuery("update registration_token set used_at = $1 where id = $2")
                            .execute(Tuple.of(now, tokenId))
                            .chain(() -> insertCredential(connection, credential, clusterId, now))
                            .chain(() -> audit.record(
                                    connection,
                                    new ChangeOrigin("agent:" + cluster, null, sourceAddress),
                                    AuditAction.REGISTER,
                                    ObjectKind.AGENT_CREDENTIAL,
                                    credential.id(),
                                    null,
                                    null,
                                    credentialSummary(cluster, credential.id(), "active")))
                            .replaceWith(credential);
                }));
    }

    /**
     * Checks a presented credential. A credential that a rotation replaced stays valid until its successor is
     * used; the first use of the successor revokes it.
     */
    public Uni<AgentIdentity> authenticate(String presented, String sourceAddress) {
        Optional<AgentSecrets.ParsedCredential> parsed = AgentSecrets.parseCredential(presented);
        if (parsed.isEmpty()) {
            return Uni.createFrom().failure(invalidCredential());
        }
        String id = parsed.get().id();
        OffsetDateTime now = now();
        return pool.withTransaction(connection -> connection
                .preparedQuery("select a.secret_hash, a.revoked_at, c.id, c.name, a.rotation_requested_at"
                        + " from agent_credential a join cluster c on c.id = a.cluster_id where a.id = $1")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(invalidCredential());
                    }
                    Row row = rows.iterator().next();
                    boolean secretMatches = MessageDigest.isEqual(
                            row.getString(0).getBytes(StandardCharsets.US_ASCII),
                            AgentSecrets.hash(parsed.get().secret()).getBytes(StandardCharsets.US_ASCII));
                    if (!secretMatches || row.getValue(1) != null) {
                        return Uni.createFrom().failure(invalidCredential());
                    }
                    AgentIdentity identity =
                            new AgentIdentity(id, row.getLong(2), row.getString(3), row.getValue(4) != null);
                    return connection
                            .preparedQuery("update agent_credential set last_used_at = $1 where id = $2")
                            .execute(Tuple.of(now, id))
                            .chain(() -> connection
                                    .preparedQuery("update agent_credential set revoked_at = $1,"
                                            + " revoked_by = 'rotation' where replaced_by = $2 and revoked_at is null"
                                            + " returning id")
                                    .execute(Tuple.of(now, id)))
                            .chain(replaced -> {
                                Uni<Void> revocations = Uni.createFrom().voidItem();
                                for (Row old : replaced) {
                                    String oldId = old.getString(0);
                                    revocations = revocations
                                            .chain(() -> notify(connection, "revoked:" + oldId))
                                            .chain(() -> audit.record(
                                                    connection,
                                                    new ChangeOrigin(
                                                            "agent:" + identity.cluster(), null, sourceAddress),
                                                    AuditAction.REVOKE,
                                                    ObjectKind.AGENT_CREDENTIAL,
                                                    oldId,
                                                    null,
                                                    credentialSummary(identity.cluster(), oldId, "rotating"),
                                                    revokedByRotation(identity.cluster(), oldId, id)));
                                }
                                return revocations;
                            })
                            .replaceWith(identity);
                }));
    }

    /**
     * Issues a successor for an authenticated credential; both stay valid until the successor is used. A successor
     * issued earlier and never used (the agent lost it) is revoked, so no unused credential outlives a rotation.
     */
    public Uni<AgentSecrets.NewCredential> rotate(AgentIdentity identity, String sourceAddress) {
        AgentSecrets.NewCredential successor = AgentSecrets.newCredential();
        OffsetDateTime now = now();
        return pool.withTransaction(connection -> connection
                .preparedQuery("update agent_credential set revoked_at = $1, revoked_by = 'rotation'"
                        + " where id = (select replaced_by from agent_credential where id = $2)"
                        + " and last_used_at is null and revoked_at is null")
                .execute(Tuple.of(now, identity.credentialId()))
                .chain(() -> insertCredential(connection, successor, identity.clusterId(), now))
                .chain(() -> connection
                        .preparedQuery("update agent_credential set replaced_by = $1 where id = $2")
                        .execute(Tuple.of(successor.id(), identity.credentialId())))
                .chain(() -> audit.record(
                        connection,
                        new ChangeOrigin("agent:" + identity.cluster(), null, sourceAddress),
                        AuditAction.REGISTER,
                        ObjectKind.AGENT_CREDENTIAL,
                        successor.id(),
                        null,
                        null,
                        credentialSummary(identity.cluster(), successor.id(), "active")))
                .replaceWith(successor));
    }

    private static Uni<Void> insertCredential(
            SqlConnection connection, AgentSecrets.NewCredential credential, long clusterId, OffsetDateTime now) {
        return connection
                .preparedQuery("insert into agent_credential (id, cluster_id, secret_hash, created_at)"
                        + " values ($1, $2, $3, $4)")
                .execute(Tuple.of(credential.id(), clusterId, credential.secretHash(), now))
                .replaceWithVoid();
    }

    static Uni<Void> notify(SqlConnection connection, String payload) {
        return connection
                .preparedQuery("select pg_notify($1, $2)")
                .execute(Tuple.of(AgentAccessService.CHANNEL, payload))
                .replaceWithVoid();
    }

    private static Map<String, Object> credentialSummary(String cluster, String credentialId, String status) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", credentialId);
        summary.put("cluster", cluster);
        summary.put("status", status);
        return summary;
    }

    private static Map<String, Object> revokedByRotation(String cluster, String credentialId, String successorId) {
        Map<String, Object> summary = credentialSummary(cluster, credentialId, "revoked");
        summary.put("replacedBy", successorId);
        summary.put("revokedBy", "rotation");
        return summary;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static RuntimeException invalidToken() {
        return Status.UNAUTHENTICATED
                .withDescription("registration token is invalid, already used or expired, or belongs to another"
                        + " cluster; create a new one through the API")
                .asRuntimeException();
    }

    static RuntimeException invalidCredential() {
        return Status.UNAUTHENTICATED
                .withDescription("agent credential is invalid or revoked; register the agent again with a new"
                        + " registration token")
                .asRuntimeException();
    }
}
