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
}
