package io.securewatch.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The drills and their latest runs: start a dry run, or after a confirmation a live run, of the selected drill.
 * NOTE: the live timeline, abort, kill switch, report and charts are not in the console yet; use the REST API.
 */
@Route(value = "drills", layout = MainLayout.class)
@PageTitle("Drills | SecureWatch")
public class DrillsView extends VerticalLayout {

    static final int RUNS_SHOWN = 20;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    final Grid<Drill> drills = new Grid<>();
    final Grid<DrillRun> runs = new Grid<>();
    final Button dryRun = new Button("Dry run");
    final Button liveRun = new Button("Live run");
    final Span message = new Span();
    private final H3 runsTitle = new H3("Runs");
    private final ControlPlane controlPlane;

    @Inject
    public DrillsView(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        add(new H2("Drills"));
        drills.addColumn(Drill::name).setHeader("Drill");
        drills.addColumn(drill -> drill.type().wireName()).setHeader("Type");
        drills.addColumn(Drill::target).setHeader("Target");
        drills.addColumn(drill -> drill.mode().wireName()).setHeader("Mode");
        drills.addColumn(drill -> drill.schedule() == null ? "" : drill.schedule())
                .setHeader("Schedule");
        drills.getColumns().forEach(column -> column.setAutoWidth(true));
        drills.setAllRowsVisible(true);
        drills.asSingleSelect().addValueChangeListener(event -> showRuns(event.getValue()));

        runs.addColumn(DrillRun::run).setHeader("Run");
        runs.addColumn(run -> run.status().wireName()).setHeader("Status");
        runs.addColumn(run -> run.dryRun() ? "dry" : "live").setHeader("Kind");
        runs.addColumn(DrillRun::startedBy).setHeader("Started by");
        runs.addColumn(run -> TIME.format(run.startedAt())).setHeader("Started at (UTC)");
        runs.addColumn(DrillsView::recovery).setHeader("Recovery time");
        runs.addColumn(DrillsView::failedChecks).setHeader("Failed checks");
        runs.getColumns().forEach(column -> column.setAutoWidth(true));
        runs.setAllRowsVisible(true);

        dryRun.addClickListener(click -> start(true));
        liveRun.addThemeVariants(ButtonVariant.LUMO_ERROR);
        liveRun.addClickListener(click -> confirmLiveRun());
        dryRun.setEnabled(false);
        liveRun.setEnabled(false);
        message.getStyle().set("color", "var(--lumo-error-text-color)");

        add(drills, new HorizontalLayout(dryRun, liveRun), message, runsTitle, runs);
        try {
            drills.setItems(controlPlane.drills(SignedIn.require()));
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    private void showRuns(Drill drill) {
        message.setText("");
        dryRun.setEnabled(drill != null);
        liveRun.setEnabled(drill != null);
        if (drill == null) {
            runs.setItems(List.of());
            runsTitle.setText("Runs");
            return;
        }
        runsTitle.setText("Runs of " + drill.name());
        try {
            runs.setItems(controlPlane.runs(SignedIn.require(), drill.name(), RUNS_SHOWN));
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    private void confirmLiveRun() {
        Drill drill = drills.asSingleSelect().getValue();
        if (drill == null) {
            return;
        }
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Start a live run of " + drill.name() + "?");
        dialog.setText("A live run moves real traffic away from " + drill.target()
                + " after its pre-flight checks pass, and fails back at the end.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Start live run");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(confirm -> start(false));
        dialog.open();
    }

    void start(boolean dry) {
        Drill drill = drills.asSingleSelect().getValue();
        if (drill == null) {
            return;
        }
        try {
            controlPlane.startRun(SignedIn.require(), drill.name(), dry);
        } catch (ApiError failure) {
            showRuns(drill);
            message.setText(failure.getMessage());
            return;
        }
        showRuns(drill);
    }

    private static String recovery(DrillRun run) {
        return run.measurements() == null || run.measurements().recoveryTimeMillis() == null
                ? ""
                : run.measurements().recoveryTimeMillis() + " ms";
    }

    private static String failedChecks(DrillRun run) {
        return run.checks() == null
                ? ""
                : String.join(
                        ", ",
                        run.checks().stream()
                                .filter(check -> !check.passed())
                                .map(DrillRun.Check::name)
                                .toList());
    }
}
