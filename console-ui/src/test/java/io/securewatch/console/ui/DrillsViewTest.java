package io.securewatch.console.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.console.api.ApiError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillsViewTest extends ViewTestSupport {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void selectingDrillShowsItsRuns() {
        // given
        controlPlane.drills.add(drill("evacuate-eu-west-1"));
        controlPlane.runs.put(
                "evacuate-eu-west-1", List.of(run(2, DrillRun.Status.COMPLETED), run(1, DrillRun.Status.FAILED)));
        DrillsView view = open();

        // when
        view.drills.select(controlPlane.drills.get(0));

        // then
        assertThat(GridKt._size(view.runs)).isEqualTo(2);
        assertThat(GridKt._get(view.runs, 0).run()).isEqualTo(2);
        assertThat(view.dryRun.isEnabled()).isTrue();
    }

    @Test
    void dryRunStartsAtOnce() {
        // given
        controlPlane.drills.add(drill("evacuate-eu-west-1"));
        DrillsView view = open();
        view.drills.select(controlPlane.drills.get(0));

        // when
        view.dryRun.click();

        // then
        assertThat(controlPlane.started).containsExactly("evacuate-eu-west-1 dry");
    }

    @Test
    void liveRunWaitsForConfirmation() {
        // given
        controlPlane.drills.add(drill("evacuate-eu-west-1"));
        DrillsView view = open();
        view.drills.select(controlPlane.drills.get(0));

        // when
        view.liveRun.click();

        // then: nothing starts before the dialog is confirmed
        assertThat(controlPlane.started).isEmpty();
        ConfirmDialog dialog = _find(ConfirmDialog.class).get(0);
        assertThat(dialog.isOpened()).isTrue();
        com.vaadin.flow.component.ComponentUtil.fireEvent(dialog, new ConfirmDialog.ConfirmEvent(dialog, false));
        assertThat(controlPlane.started).containsExactly("evacuate-eu-west-1 live");
    }

    @Test
    void startErrorShowsInApiWords() {
        // given
        controlPlane.drills.add(drill("evacuate-eu-west-1"));
        DrillsView view = open();
        view.drills.select(controlPlane.drills.get(0));
        controlPlane.failure = new ApiError(409, "drill 'evacuate-eu-west-1' has a run in progress", List.of());

        // when
        view.dryRun.click();

        // then
        assertThat(view.message.getText()).isEqualTo("drill 'evacuate-eu-west-1' has a run in progress");
    }

    @Test
    void buttonsWaitForSelection() {
        // when
        DrillsView view = open();

        // then
        assertThat(view.dryRun.isEnabled()).isFalse();
        assertThat(view.liveRun.isEnabled()).isFalse();
    }

    @Test
    void selectingRunShowsStepsAndAllowsAbort() {
        // given: a running run in its observation
        DrillRun.Step shift = new DrillRun.Step(
                "shift-routing",
                "done",
                AT,
                AT.plusMillis(900),
                900L,
                Map.of("a", 7L, "b", 7L),
                Map.of("a", AT),
                "1 of 2");
        DrillRun running = new DrillRun(
                "evacuate-eu-west-1",
                3,
                false,
                DrillRun.Status.RUNNING,
                "eu-west-1",
                "admin",
                AT,
                null,
                null,
                null,
                List.of(),
                List.of(shift),
                new DrillRun.Measurements(140L, null, 5000L, Map.of()),
                List.of());
        controlPlane.drills.add(drill("evacuate-eu-west-1"));
        controlPlane.runs.put("evacuate-eu-west-1", List.of(running));
        controlPlane.details.put("evacuate-eu-west-1/3", running);
        DrillsView view = open();
        view.drills.select(controlPlane.drills.get(0));

        // when
        view.runs.select(running);

        // then
        assertThat(view.runPanel.isVisible()).isTrue();
        assertThat(view.runPanel.title.getText()).isEqualTo("Run evacuate-eu-west-1/3: running (eu-west-1)");
        assertThat(view.runPanel.measurements.getText())
                .isEqualTo("Recovery time 140 ms, fail-back not measured, duration 5.0 s.");
        assertThat(GridKt._size(view.runPanel.steps)).isEqualTo(1);
        assertThat(view.abort.isEnabled()).isTrue();
        view.abort.click();
        assertThat(controlPlane.aborted).isEmpty();
        ConfirmDialog dialog = _find(ConfirmDialog.class).get(0);
        com.vaadin.flow.component.ComponentUtil.fireEvent(dialog, new ConfirmDialog.ConfirmEvent(dialog, false));
        assertThat(controlPlane.aborted).containsExactly("evacuate-eu-west-1/3");
    }

    @Test
    void runningRunRefreshesUntilItEnds() {
        // given
        DrillRun running = liveRun(4, DrillRun.Status.RUNNING, null);
        controlPlane.drills.add(drill("evacuate-eu-west-1"));
        controlPlane.runs.put("evacuate-eu-west-1", List.of(running));
        controlPlane.details.put("evacuate-eu-west-1/4", running);
        DrillsView view = open();
        view.drills.select(controlPlane.drills.get(0));
        view.runs.select(running);
        assertThat(view.runPanel.progress.isVisible()).isTrue();
        DrillRun completed = liveRun(4, DrillRun.Status.COMPLETED, 180L);
        controlPlane.details.put("evacuate-eu-west-1/4", completed);
        controlPlane.runs.put("evacuate-eu-west-1", List.of(completed, liveRun(2, DrillRun.Status.COMPLETED, 240L)));

        // when
        view.refreshRunning();

        // then
        assertThat(view.runPanel.title.getText()).startsWith("Run evacuate-eu-west-1/4: completed");
        assertThat(view.runPanel.progress.isVisible()).isFalse();
        assertThat(view.runs.asSingleSelect().getValue()).isEqualTo(completed);
        assertThat(view.abort.isEnabled()).isFalse();
        String chart = svg(view.recoveryChart);
        assertThat(chart)
                .contains("<title>Recovery time of live runs</title>")
                .contains("run 2: 0.24 s; run 4: 0.18 s");
    }

    @Test
    void runShowsTrafficShareChartAndAckTimes() {
        // given
        DrillRun.Step shift = new DrillRun.Step(
                "shift-routing",
                "done",
                AT,
                AT.plusMillis(900),
                900L,
                Map.of("eu-central-1-a", 7L, "us-east-1-a", 5L),
                Map.of("eu-central-1-a", AT.plusMillis(350)),
                null);
        DrillRun run = new DrillRun(
                "evacuate-eu-west-1",
                5,
                false,
                DrillRun.Status.COMPLETED,
                "eu-west-1",
                "admin",
                AT,
                AT.plusSeconds(90),
                null,
                null,
                List.of(),
                List.of(shift),
                new DrillRun.Measurements(
                        120L,
                        300L,
                        90_000L,
                        Map.of(
                                "before", Map.of("eu-west-1", 50.0, "us-east-1", 50.0),
                                "during", Map.of("eu-west-1", 0.0, "us-east-1", 100.0))),
                List.of());
        RunPanel panel = new RunPanel();
        UI.getCurrent().add(panel);

        // when
        panel.show("evacuate-eu-west-1", run);

        // then
        String chart = svg(panel.chart);
        assertThat(chart)
                .contains("<title>Traffic share per region</title>")
                .contains("eu-west-1: before 50 %, during 0 %; us-east-1: before 50 %, during 100 %");
        assertThat(RunPanel.ackTimes(shift))
                .isEqualTo("eu-central-1-a revision 7, acknowledged at 2026-12-05 10:00:00 (0.4 s after the step"
                        + " started); us-east-1-a revision 5, not acknowledged");
        assertThat(panel.progress.isVisible()).isFalse();
    }

    @Test
    void killSwitchReportsAbortedRuns() {
        // given
        DrillsView view = open();

        // when
        view.killSwitch.click();
        ConfirmDialog dialog = _find(ConfirmDialog.class).get(0);
        com.vaadin.flow.component.ComponentUtil.fireEvent(dialog, new ConfirmDialog.ConfirmEvent(dialog, false));

        // then
        assertThat(controlPlane.aborted).containsExactly("kill-switch");
        assertThat(view.message.getText()).isEqualTo("Aborted evacuate-eu-west-1/3.");
    }

    private DrillsView open() {
        DrillsView view = new DrillsView(controlPlane);
        UI.getCurrent().add(view);
        return view;
    }

    private static Drill drill(String name) {
        return new Drill(
                name,
                DrillRequest.Type.REGION_EVACUATION,
                "eu-west-1",
                null,
                null,
                DrillRequest.Mode.DRY_RUN,
                null,
                "admin",
                1,
                AT,
                AT);
    }

    private static DrillRun run(long number, DrillRun.Status status) {
        return new DrillRun(
                "evacuate-eu-west-1",
                number,
                true,
                status,
                null,
                "admin",
                AT,
                AT,
                null,
                null,
                List.of(),
                List.of(),
                null,
                List.of());
    }

    private static DrillRun liveRun(long number, DrillRun.Status status, Long recoveryMillis) {
        return new DrillRun(
                "evacuate-eu-west-1",
                number,
                false,
                status,
                "eu-west-1",
                "admin",
                AT,
                status.isActive() ? null : AT.plusSeconds(90),
                null,
                null,
                List.of(),
                List.of(),
                recoveryMillis == null ? null : new DrillRun.Measurements(recoveryMillis, null, null, null),
                List.of());
    }

    /** Returns the markup of the chart that the container shows, as the browser receives it. */
    private static String svg(com.vaadin.flow.component.html.Div container) {
        com.vaadin.flow.component.Component chart =
                container.getChildren().findFirst().orElseThrow();
        assertThat(chart).isInstanceOf(com.vaadin.flow.component.Svg.class);
        return chart.getElement().getProperty("innerHTML");
    }
}
