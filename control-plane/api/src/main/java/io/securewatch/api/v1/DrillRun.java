package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One run of a drill, as {@code /api/v1/drills/{drill}/runs} returns it.
 *
 * @param run the run's number, counting from 1 for each drill
 * @param dryRun whether the run only checked, without changing anything
 * @param checks the pre-flight checks in a fixed order, each with its numbers
 */
@Schema(name = "DrillRun")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrillRun(
        String drill,
        long run,
        boolean dryRun,
        Status status,
        String startedBy,
        Instant startedAt,
        Instant finishedAt,
        List<Check> checks) {

    /** The state of a run. */
    public enum Status {
        /** Every pre-flight check passed; a dry run ends here. */
        @JsonProperty("passed")
        PASSED,
        /** A pre-flight check failed, so nothing was changed. */
        @JsonProperty("failed")
        FAILED
    }

    /**
     * One pre-flight check.
     *
     * @param name {@code agents}, {@code capacity}, {@code residency}, {@code catalog} or {@code overlap}
     * @param summary one sentence with the check's numbers
     * @param details one line per cluster, workload or service that the check looked at, failures first
     */
    @Schema(name = "DrillCheck")
    public record Check(String name, boolean passed, String summary, List<String> details) {}
}
