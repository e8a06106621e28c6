package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One run of a drill, as {@code /api/v1/drills/{drill}/runs} returns it.
 *
 * @param run the run's number, counting from 1 for each drill
 * @param dryRun whether the run only checked, without changing anything
 * @param target the region the run evacuates, which for a service failover is the service's primary region. A
 *     cluster-evacuation run names its cluster. Absent for a dry run.
 * @param abortedBy the user who aborted the run or pulled the kill switch, or {@code system:guardrail} for a
 *     guardrail breach; absent unless aborted
 * @param abortReason why the run was aborted
 * @param checks the pre-flight checks in a fixed order, each with its numbers
 * @param steps the steps of a live run in the order they ran; empty for a dry run
 * @param measurements what a live run measured so far; absent for a dry run
 * @param events guardrail breaches, aborts and resumptions, oldest first
 */
@Schema(name = "DrillRun")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrillRun(
        String drill,
        long run,
        boolean dryRun,
        Status status,
        String target,
        String startedBy,
        Instant startedAt,
        Instant finishedAt,
        String abortedBy,
        String abortReason,
        List<Check> checks,
        List<Step> steps,
        Measurements measurements,
        List<Event> events) {

    /** The state of a run. */
    public enum Status {
        /** Every pre-flight check passed; a dry run ends here. */
        @JsonProperty("passed")
        PASSED,
        /** A pre-flight check failed, so nothing was changed. */
        @JsonProperty("failed")
        FAILED,
        /** A live run is moving traffic, observing or failing back. */
        @JsonProperty("running")
        RUNNING,
        /** A live run was aborted; the pre-drill routing and scaling are restored and the agents are applying them. */
        @JsonProperty("aborting")
        ABORTING,
        /** A live run evacuated, observed, failed back and restored scaling. */
        @JsonProperty("completed")
        COMPLETED,
        /** A live run was aborted and the agents applied the restored routing and scaling. */
        @JsonProperty("aborted")
        ABORTED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Returns whether the run still changes or waits for something. */
        public boolean isActive() {
            return this == RUNNING || this == ABORTING;
        }
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

    /**
     * One step of a live run.
     *
     * @param name {@code pre-scale}, {@code wait-ready}, {@code shift-routing}, {@code verify}, {@code observe},
     *     {@code fail-back}, {@code restore-scaling}, or {@code abort} for the restoration after an abort
     * @param status {@code running}, {@code done} or {@code interrupted} (by an abort)
     * @param revisions for a step that changes desired state: the revision each affected cluster received
     * @param acks for such a step: when each cluster's agent acknowledged its revision
     * @param summary one sentence on what the step did or is waiting for
     */
    @Schema(name = "DrillStep")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            String name,
            String status,
            Instant startedAt,
            Instant finishedAt,
            Long durationMillis,
            Map<String, Long> revisions,
            Map<String, Instant> acks,
            String summary) {}

    /**
     * The measurements of a live run.
     *
     * @param recoveryTimeMillis from the start of the routing shift until every affected agent acknowledged it and
     *     the survivors were healthy
     * @param failBackMillis from the start of the fail-back until every affected agent acknowledged it
     * @param durationMillis from the start of the run to its end, or to now while it runs
     * @param trafficShare percent of the affected services' requests per region, from agent heartbeats, at
     *     {@code before} (run start), {@code during} (end of the observation, or an abort once
     *     every agent reported since the shift) and {@code after} (run end)
     */
    @Schema(name = "DrillMeasurements")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measurements(
            Long recoveryTimeMillis,
            Long failBackMillis,
            Long durationMillis,
            Map<String, Map<String, Double>> trafficShare) {}

    /**
     * Something that happened to a run outside its steps.
     *
     * @param kind {@code guardrail} (a breach that aborted the run), {@code abort} (by a user), {@code kill-switch},
     *     {@code resumed} (picked up by a control plane that did not start it) or {@code warning}
     * @param actor who caused it, for aborts
     */
    @Schema(name = "DrillEvent")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant at, String kind, String message, String actor) {}
}
