package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The steps of a tenant's latest operation: its provisioning, a change, a suspension, a resumption or its deletion.
 * Each step is retried with backoff until it is done; the tenant is {@code ready} once every step of its
 * provisioning is done.
 *
 * @param operation {@code provision}, {@code update}, {@code suspend}, {@code resume} or {@code delete}; null for a
 *     tenant created before operations had steps
 * @param done whether every step is done
 */
@Schema(name = "TenantProvisioning")
public record TenantProvisioning(String tenant, TenantStatus status, String operation, boolean done, List<Step> steps) {

    /**
     * One step of the operation.
     *
     * @param name {@code identity} for the tenant's organization, group, client and administrator in Keycloak, or
     *     {@code environment:<region>} for its namespace in the clusters of one region
     * @param state {@code pending} before its first attempt, {@code waiting} while it waits for others (such as
     *     agents applying the tenant's namespace), {@code failing} after a failed attempt, with the error and the time
     *     of the next attempt, or {@code done}
     * @param message what the step did or waits for
     * @param failures how many attempts failed
     * @param lastError the error of the latest failed attempt, kept until the step is done
     */
    @Schema(name = "TenantProvisioningStep")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            String name,
            String state,
            int failures,
            String message,
            String lastError,
            Instant startedAt,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Instant finishedAt) {}
}
