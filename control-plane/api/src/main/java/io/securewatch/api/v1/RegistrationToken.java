package io.securewatch.api.v1;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A one-time token that lets an agent register for a cluster. The token is shown only in this response; the
 * control plane keeps its hash.
 *
 * @param agentCommand a command line that starts the cluster agent with this token
 */
@Schema(name = "RegistrationToken")
public record RegistrationToken(String cluster, String token, Instant expiresAt, String agentCommand) {

    @Override
    public String toString() {
        return "RegistrationToken[cluster=" + cluster + ", token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
