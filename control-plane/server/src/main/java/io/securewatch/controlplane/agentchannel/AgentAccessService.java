package io.securewatch.controlplane.agentchannel;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.AgentCredential;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.RegistrationToken;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.sql.SqlValues;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Registration tokens and agent credentials as the REST API manages them. Runs in the caller's transaction and
 * records an audit event for every change; secrets appear only in the one response that hands them out.
 */
@ApplicationScoped
public class AgentAccessService {

    /** Notification channel for credential events; the payload is {@code revoked:<id>} or {@code rotate:<id>}. */
    public static final String CHANNEL = "securewatch_agent_credentials";

    private static final Pattern CREDENTIAL_ID = Pattern.compile("[0-9a-f]{16}");

    @Inject
    AgentChannelConfig config;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Issues a one-time registration token for the cluster. */
    public Uni<RegistrationToken> issueToken(
            long clusterId, String cluster, String controlPlaneUrl, ChangeOrigin origin) {
        String token = AgentSecrets.newRegistrationToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.registrationTokenTtl());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("cluster", cluster);
        after.put("expiresAt", expiresAt);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into registration_token (cluster_id, token_hash, created_by, created_at,"
                                        + " expires_at) values (:cluster, :hash, :createdBy, :createdAt, :expiresAt)")
                        .setParameter("cluster", clusterId)
                        .setParameter("hash", AgentSecrets.hash(token))
                        .setParameter("createdBy", origin.actor())
                        .setParameter("createdAt", now)
                        .setParameter("expiresAt", expiresAt)
                        .executeUpdate())
                .chain(() ->
                        audit.record(origin, AuditAction.ISSUE_TOKEN, ObjectKind.CLUSTER, cluster, null, null, after))
                .replaceWith(new RegistrationToken(
                        cluster, token, expiresAt, agentCommand(cluster, token, controlPlaneUrl)));
    }

    /** Lists one page of the cluster's credentials, newest first. */
    public Uni<Page<AgentCredential>> credentials(long clusterId, String cluster, PageRequest page) {
        Optional<CredentialCursor> after = page.after().map(CredentialCursor::parse);
        String condition = after.isEmpty()
                ? "where cluster_id = :cluster"
                : "where cluster_id = :cluster and (created_at, id) < (cast(:afterCreatedAt as timestamptz), :afterId)";
        return Panache.getSession()
                .chain(session -> {
                    Mutiny.SelectionQuery<Object[]> query = select(
                                    session, condition + " order by created_at desc, id desc")
                            .setParameter("cluster", clusterId)
                            .setMaxResults(page.rowsToFetch());
                    after.ifPresent(cursor -> query.setParameter(
                                    "afterCreatedAt", cursor.createdAt().atOffset(ZoneOffset.UTC))
                            .setParameter("afterId", cursor.id()));
                    return query.getResultList();
                })
                .map(rows ->
                        page.toPage(rows, row -> toApi(cluster, row), credential -> CredentialCursor.of(credential)));
    }

    /** The position after a page of credentials: creation time and id of its last credential. */
    private record CredentialCursor(Instant createdAt, String id) {

        static String of(AgentCredential credential) {
            return credential.createdAt() + " " + credential.id();
        }

        static CredentialCursor parse(String value) {
            int space = value.indexOf(' ');
            if (space > 0) {
                try {
                    String id = value.substring(space + 1);
                    if (CREDENTIAL_ID.matcher(id).matches()) {
                        return new CredentialCursor(Instant.parse(value.substring(0, space)), id);
                    }
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            throw ApiException.invalid(
                    "cursor", "is not a cursor from this API; pass the nextCursor of the previous page");
        }
    }

    /** Revokes a credential; the replica holding its stream closes it when the transaction commits. */
    public Uni<AgentCredential> revoke(long clusterId, String cluster, String credentialId, ChangeOrigin origin) {
        return find(clusterId, cluster, credentialId).chain(before -> {
            if (before.status() == AgentCredential.Status.REVOKED) {
                return Uni.createFrom().item(before);
            }
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "update agent_credential set revoked_at = :now, revoked_by = :actor where id = :id")
                            .setParameter("now", clock.instant())
                            .setParameter("actor", origin.actor())
                            .setParameter("id", credentialId)
                            .executeUpdate()
                            .chain(() -> notify(session, "revoked:" + credentialId)))
                    .chain(() -> find(clusterId, cluster, credentialId))
                    .call(after -> audit.record(
                            origin,
                            AuditAction.REVOKE,
                            ObjectKind.AGENT_CREDENTIAL,
                            credentialId,
                            null,
                            before,
                            after));
        });
    }

    /**
     * Asks the agent to replace its credential: the replica holding the stream sends it a rotation request, the
     * agent fetches a new credential and reconnects with it, and the old one is revoked at that moment.
     */
    public Uni<AgentCredential> requestRotation(
            long clusterId, String cluster, String credentialId, ChangeOrigin origin) {
        return find(clusterId, cluster, credentialId).chain(before -> {
            if (before.status() == AgentCredential.Status.REVOKED) {
                throw new ApiException(ProblemType.CONFLICT, revokedDetail(before));
            }
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "update agent_credential set rotation_requested_at = :now where id = :id")
                            .setParameter("now", clock.instant())
                            .setParameter("id", credentialId)
                            .executeUpdate()
                            .chain(() -> notify(session, "rotate:" + credentialId)))
                    .chain(() -> find(clusterId, cluster, credentialId))
                    .call(after -> audit.record(
                            origin,
                            AuditAction.ROTATE,
                            ObjectKind.AGENT_CREDENTIAL,
                            credentialId,
                            null,
                            before,
                            after));
        });
    }

    private static String revokedDetail(AgentCredential credential) {
        if (credential.replacedBy() != null) {
            return "agent credential '" + credential.id() + "' was replaced by '" + credential.replacedBy()
                    + "' in an earlier rotation; rotate '" + credential.replacedBy() + "' instead";
        }
        return "agent credential '" + credential.id() + "' is revoked; register the agent again with a new token";
    }

    private Uni<AgentCredential> find(long clusterId, String cluster, String credentialId) {
        if (credentialId == null || !CREDENTIAL_ID.matcher(credentialId).matches()) {
            return Uni.createFrom().failure(ApiException.notFound("agent credential", String.valueOf(credentialId)));
        }
        return Panache.getSession()
                .chain(session -> select(session, "where cluster_id = :cluster and id = :id")
                        .setParameter("cluster", clusterId)
                        .setParameter("id", credentialId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ApiException.notFound("agent credential", credentialId);
                    }
                    return toApi(cluster, rows.get(0));
                });
    }

    private static Mutiny.SelectionQuery<Object[]> select(Mutiny.Session session, String condition) {
        return session.createNativeQuery(
                "select id, created_at, last_used_at, rotation_requested_at, replaced_by, revoked_at, revoked_by"
                        + " from agent_credential " + condition,
                Object[].class);
    }

    private static AgentCredential toApi(String cluster, Object[] row) {
        Instant revokedAt = SqlValues.instant(row[5]);
        String replacedBy = (String) row[4];
        AgentCredential.Status status = revokedAt != null
                ? AgentCredential.Status.REVOKED
                : replacedBy != null ? AgentCredential.Status.ROTATING : AgentCredential.Status.ACTIVE;
        return new AgentCredential(
                (String) row[0],
                cluster,
                status,
                SqlValues.instant(row[1]),
                SqlValues.instant(row[2]),
                SqlValues.instant(row[3]),
                replacedBy,
                revokedAt,
                (String) row[6]);
    }

    private static Uni<Void> notify(Mutiny.Session session, String payload) {
        return session.createNativeQuery("select cast(pg_notify(:channel, :payload) as text)", String.class)
                .setParameter("channel", CHANNEL)
                .setParameter("payload", payload)
                .getSingleResultOrNull()
                .replaceWithVoid();
    }

    private static String agentCommand(String cluster, String token, String controlPlaneUrl) {
        return "SECUREWATCH_AGENT_CLUSTER=" + cluster + " SECUREWATCH_AGENT_REGISTRATION_TOKEN=" + token
                + " SECUREWATCH_AGENT_CONTROL_PLANE_URL=" + controlPlaneUrl
                + " java -jar agents/cluster-agent/target/quarkus-app/quarkus-run.jar";
    }
}
