package io.securewatch.api.v1;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The report of one drill run, as {@code GET /api/v1/drills/{drill}/runs/{run}/report?format=json} returns it; the
 * Markdown and HTML formats render the same content.
 *
 * @param definition the drill as it is now; the run's own target is in {@code run}
 * @param timeline the run's steps and events in time order
 * @param generatedAt when the report was made
 */
@Schema(name = "DrillReport")
public record DrillReport(Drill definition, DrillRun run, List<TimelineEntry> timeline, Instant generatedAt) {

    /**
     * One line of the timeline.
     *
     * @param what such as {@code step shift-routing started} or {@code guardrail: ...}
     */
    @Schema(name = "DrillTimelineEntry")
    public record TimelineEntry(Instant at, String what) {}
}
