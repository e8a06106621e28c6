package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The health of a region's Consul as the catalog watch last recorded it. The API reads it from PostgreSQL, never from
 * Consul itself.
 *
 * @param datacenter the region's Consul datacenter
 * @param address the Consul HTTP address that the catalog watch queries
 * @param circuit the circuit breaker around the region's Consul: {@code closed}, {@code open} (queries fail at once
 *     for a while) or {@code half-open} (a trial query is under way)
 * @param lastContactAt when the region's Consul last responded, absent before its first response
 * @param stale whether the region's catalog entries are only the last known ones, because its Consul failed after
 *     its last response or has not responded within a blocking wait and the grace period
 * @param staleForSeconds seconds since the region's Consul last responded, present only when stale and after at
 *     least one response
 * @param lastError the last failure of the region's Consul, when it failed after its last response
 */
@Schema(name = "ConsulHealth")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsulHealth(
        String datacenter,
        String address,
        String circuit,
        Instant lastContactAt,
        boolean stale,
        Long staleForSeconds,
        String lastError) {}
