package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillReport;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.console.api.ApiError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillReportViewTest extends ViewTestSupport {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void reportShowsRunTimelineAndDownloads() {
        // given
        Drill drill = new Drill(
                "evacuate-eu-west-1",
                DrillRequest.Type.REGION_EVACUATION,
                "eu-west-1",
                null,
                null,
                DrillRequest.Mode.LIVE,
                null,
                "admin",
                1,
                AT,
                AT);
        DrillRun run = new DrillRun(
                "evacuate-eu-west-1",
                2,
                false,
                DrillRun.Status.COMPLETED,
                "eu-west-1",
                "operator",
                AT,
                AT.plusSeconds(90),
                null,
                null,
                List.of(new DrillRun.Check("survivor-capacity", true, "survivors carry 10 of 10 replicas", List.of())),
                List.of(),
                new DrillRun.Measurements(150L, 200L, 90_000L, null),
                List.of());
        controlPlane.reports.put(
                "evacuate-eu-west-1/2",
                new DrillReport(
                        drill,
                        run,
                        List.of(new DrillReport.TimelineEntry(AT, "run started by operator")),
                        AT.plusSeconds(100)));
        DrillReportView view = new DrillReportView(controlPlane);
        UI.getCurrent().add(view);

        // when
        view.show("evacuate-eu-west-1", 2);

        // then
        assertThat(view.title.getText()).isEqualTo("Drill report: evacuate-eu-west-1 run 2");
        assertThat(view.summary.getText())
                .startsWith("region-evacuation of eu-west-1, live run started by operator at 2026-12-05 10:00:00 UTC");
        assertThat(view.run.measurements.getText()).startsWith("Recovery time 150 ms, fail-back 200 ms");
        assertThat(view.timeline.getElement().getChild(0).getText())
                .isEqualTo("2026-12-05 10:00:00 run started by operator");
        assertThat(view.downloads.getChildren().map(link -> ((Anchor) link).getText()))
                .containsExactly("Download Markdown", "Download HTML");
    }

    @Test
    void missingRunShowsTheApisWords() {
        // given
        controlPlane.failure = new ApiError(404, "drill 'nope' not found", List.of());
        DrillReportView view = new DrillReportView(controlPlane);
        UI.getCurrent().add(view);

        // when
        view.show("nope", 1);

        // then
        assertThat(view.message.getText()).isEqualTo("drill 'nope' not found");
        assertThat(view.downloads.getChildren()).isEmpty();
    }
}
