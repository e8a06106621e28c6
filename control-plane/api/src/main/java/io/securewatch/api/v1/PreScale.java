package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A pre-scaling in force: raised minimum replicas per surviving region, on top of the scaling policy, until it is
 * deleted.
 *
 * @param floors region name to the lowest minimum replicas the region keeps while the pre-scaling lasts
 * @param createdBy the user or job that started it
 */
@Schema(name = "PreScale")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreScale(
        String workload,
        List<String> excludedRegions,
        Map<String, Integer> floors,
        String reason,
        String createdBy,
        Instant createdAt) {}
