package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A credential an agent connects with. The secret itself is never returned after registration.
 *
 * @param replacedBy id of the credential that a rotation issued in its place; this one is revoked when the new
 *     one connects for the first time
 */
@Schema(name = "AgentCredential")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentCredential(
        String id,
        String cluster,
        Status status,
        Instant createdAt,
        Instant lastUsedAt,
        Instant rotationRequestedAt,
        String replacedBy,
        Instant revokedAt,
        String revokedBy) {

    /** Whether the credential can open a stream. */
    public enum Status {
        /** Valid. */
        @JsonProperty("active")
        ACTIVE,
        /** Valid until its replacement connects. */
        @JsonProperty("rotating")
        ROTATING,
        /** No longer valid. */
        @JsonProperty("revoked")
        REVOKED
    }
}
