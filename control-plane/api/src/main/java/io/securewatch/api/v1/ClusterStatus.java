package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How far a cluster's agent has applied the desired state, as {@code GET /api/v1/clusters/{cluster}/status}
 * returns it.
 *
 * @param connected whether an agent stream is open and has sent a heartbeat within three heartbeat intervals
 * @param desiredRevision revision of the cluster's current desired state; 0 before the first bundle
 * @param appliedRevision last revision the agent acknowledged; 0 before its first Ack
 * @param revisionLag {@code desiredRevision - appliedRevision}, and 0 when the agent applied more than that
 * @param ahead whether the agent applied a revision that the desired state does not account for, as after a restore
 *     of the control plane's database from a backup. That is a revision above {@code desiredRevision}, or that
 *     revision with other content. Nothing is sent to the agent until an operator confirms the rollback.
 * @param agentRevision the revision the agent reported while ahead; absent when not ahead
 * @param agentHash the content hash of {@code agentRevision}; absent when not ahead
 * @param aheadSince when the agent was first found ahead; absent when not ahead
 * @param drift objects the agent found changed by hand in its last heartbeat
 * @param lastNack the last revision the agent rejected, absent when it never rejected one
 * @param facts what the agent reported about the cluster in its last heartbeat
 * @param appliedTargets routing objects of the applied revision that the agent wrote outside Kubernetes, by target
 * @param regionConsul the Consul of the cluster's region, absent when the catalog does not watch it
 */
@Schema(name = "ClusterStatus")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterStatus(
        String cluster,
        boolean connected,
        String agentVersion,
        String connectedReplica,
        Instant connectedAt,
        Instant disconnectedAt,
        long desiredRevision,
        String desiredHash,
        long appliedRevision,
        Instant appliedAt,
        long revisionLag,
        boolean ahead,
        Long agentRevision,
        String agentHash,
        Instant aheadSince,
        Instant lastHeartbeatAt,
        List<Drift> drift,
        Nack lastNack,
        Map<String, Object> facts,
        List<AppliedTarget> appliedTargets,
        ConsulHealth regionConsul) {

    /** Creates the status of a cluster whose agent is not ahead of the desired state. */
    public ClusterStatus(
            String cluster,
            boolean connected,
            String agentVersion,
            String connectedReplica,
            Instant connectedAt,
            Instant disconnectedAt,
            long desiredRevision,
            String desiredHash,
            long appliedRevision,
            Instant appliedAt,
            long revisionLag,
            Instant lastHeartbeatAt,
            List<Drift> drift,
            Nack lastNack,
            Map<String, Object> facts,
            List<AppliedTarget> appliedTargets,
            ConsulHealth regionConsul) {
        this(
                cluster,
                connected,
                agentVersion,
                connectedReplica,
                connectedAt,
                disconnectedAt,
                desiredRevision,
                desiredHash,
                appliedRevision,
                appliedAt,
                revisionLag,
                false,
                null,
                null,
                null,
                lastHeartbeatAt,
                drift,
                lastNack,
                facts,
                appliedTargets,
                regionConsul);
    }

    /** An object that differs from its desired manifest. */
    public record Drift(String object, String description, boolean corrected) {}

    /**
     * Routing objects that the agent applied to one target outside Kubernetes.
     *
     * @param target {@code consul} for Consul config entries, {@code haproxy} for edge backends
     * @param address where the agent wrote them; empty when the agent has no such target configured and only keeps
     *     the objects
     * @param objects the objects, such as {@code ConsulConfigEntry service-splitter.securewatch-api}
     */
    public record AppliedTarget(String target, String address, List<String> objects) {}

    /** A rejected revision and why. */
    public record Nack(long revision, Instant at, List<ObjectError> errors) {}

    /** Why the cluster rejected one object. */
    public record ObjectError(String object, String reason, String message) {}
}
