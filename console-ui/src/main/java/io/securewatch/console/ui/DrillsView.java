package io.securewatch.console.ui;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
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
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drills and their latest runs. It creates and edits drills, and deletes one after a confirmation. It starts a
 * dry run of the selected drill, or a live run after a confirmation. A selected run shows its measurements, steps
 * with Acks and events, and a running run can be aborted. The kill switch and aborts ask for confirmation first. A
 * running run's timeline updates itself through server push; a chart shows the recovery time of the drill's live
 * runs.
 */
@Route(value = "drills", layout = MainLayout.class)
@PageTitle("Drills | SecureWatch")
public class DrillsView extends VerticalLayout {

    static final int RUNS_SHOWN = 20;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    final Grid<Drill> drills = new Grid<>();
    final Grid<DrillRun> runs = new Grid<>();
    final Button create = new Button("New drill");
    final Button edit = new Button("Edit drill");
    final Button delete = new Button("Delete drill");
    final Button dryRun = new Button("Dry run");
    final Button liveRun = new Button("Live run");
    final Button abort = new Button("Abort run");
    final Button killSwitch = new Button("Kill switch");
    final RunPanel runPanel = new RunPanel();
    final Span message = new Span();
    final Span notice = new Span();
    final Div recoveryChart = new Div();
    private final H3 runsTitle = new H3("Runs");
    DrillEditor editor;
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
        runs.asSingleSelect().addValueChangeListener(event -> showRun(event.getValue()));

        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> openEditor(null));
        edit.addClickListener(click -> openEditor(drills.asSingleSelect().getValue()));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.addClickListener(click -> confirmDelete());
        edit.setEnabled(false);
        delete.setEnabled(false);
        dryRun.addClickListener(click -> start(true));
        liveRun.addThemeVariants(ButtonVariant.LUMO_ERROR);
        liveRun.addClickListener(click -> confirmLiveRun());
        abort.addThemeVariants(ButtonVariant.LUMO_ERROR);
        abort.setEnabled(false);
        abort.addClickListener(click -> Confirmation.ask(
                "Abort this run?",
                "The routing and scaling from before the drill are restored at once.",
                "Abort run",
                this::abortSelected));
        killSwitch.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        killSwitch.addClickListener(click -> Confirmation.ask(
                "Pull the kill switch?",
                "Every running drill of every user is aborted, and its routing and scaling restored at once.",
                "Abort every running drill",
                this::pullKillSwitch));
        dryRun.setEnabled(false);
        liveRun.setEnabled(false);
        message.getStyle().set("color", "var(--lumo-error-text-color)");

        add(
                operatorOnly(new HorizontalLayout(create, edit, delete)),
                drills,
                operatorOnly(new HorizontalLayout(dryRun, liveRun, abort, killSwitch)),
                notice,
                message,
                runsTitle,
                runs,
                recoveryChart,
                runPanel);
        LiveRefresh.every(Duration.ofSeconds(1), this, this::refreshRunning);
        load(null);
    }

    /**
     * Reloads the drills and selects the named one, or none when the name is null or the drill is gone. When the
     * reload fails, the list stays as it was and the error shows.
     */
    void load(String selected) {
        try {
            drills.setItems(controlPlane.drills(SignedIn.require()));
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
            return;
        }
        drills.getListDataView()
                .getItems()
                .filter(drill -> drill.name().equals(selected))
                .findFirst()
                .ifPresentOrElse(drills::select, () -> drills.asSingleSelect().clear());
    }

    /**
     * Opens the drill editor, on a new drill or on the current state of an existing one, with the objects the user
     * may choose as its target.
     */
    void openEditor(Drill selected) {
        notice.setText("");
        message.setText("");
        try {
            Drill current = selected == null ? null : controlPlane.drill(SignedIn.require(), selected.name());
            DrillTargets targets = DrillTargets.load(controlPlane, SignedIn.require());
            editor = new DrillEditor(controlPlane, targets, current, drill -> {
                load(drill.name());
                notice.setText("Drill " + drill.name() + (current == null ? " created." : " saved.") + " Version "
                        + drill.version() + ".");
            });
            editor.open();
        } catch (ApiError failure) {
            if (failure.status() == 404 && selected != null) {
                load(null);
            }
            message.setText(failure.getMessage());
        }
    }

    private void confirmDelete() {
        Drill drill = drills.asSingleSelect().getValue();
        if (drill == null) {
            return;
        }
        Confirmation.ask(
                "Delete drill " + drill.name() + "?",
                "The drill, its schedule and all its runs with their reports are deleted. The audit log keeps the"
                        + " record. The API rejects the delete while a run is in progress.",
                "Delete drill",
                () -> deleteDrill(drill));
    }

    /** Deletes the drill only at the version shown. The API rejects the delete with 412 if the drill changed since. */
    private void deleteDrill(Drill drill) {
        try {
            controlPlane.deleteDrill(SignedIn.require(), drill.name(), drill.version());
        } catch (ApiError failure) {
            load(drill.name());
            message.setText(failure.getMessage());
            return;
        }
        load(null);
        notice.setText("Drill " + drill.name() + " deleted.");
    }

    private void showRuns(Drill drill) {
        message.setText("");
        dryRun.setEnabled(drill != null);
        liveRun.setEnabled(drill != null);
        edit.setEnabled(drill != null);
        delete.setEnabled(drill != null);
        if (drill == null) {
            runs.setItems(List.of());
            runsTitle.setText("Runs");
            return;
        }
        runsTitle.setText("Runs of " + drill.name());
        try {
            List<DrillRun> latest = controlPlane.runs(SignedIn.require(), drill.name(), RUNS_SHOWN);
            runs.setItems(latest);
            showRecoveryChart(latest);
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    /** Draws the recovery time of the live runs that measured one, oldest first. */
    private void showRecoveryChart(List<DrillRun> latest) {
        recoveryChart.removeAll();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<DrillRun> oldestFirst = new java.util.ArrayList<>(latest);
        java.util.Collections.reverse(oldestFirst);
        oldestFirst.stream()
                .filter(run -> run.measurements() != null && run.measurements().recoveryTimeMillis() != null)
                .forEach(run ->
                        seconds.put("run " + run.run(), run.measurements().recoveryTimeMillis() / 1000.0));
        if (!seconds.isEmpty()) {
            recoveryChart.add(new Svg(SvgChart.line("Recovery time of live runs", seconds, " s")));
        }
    }

    /**
     * Shows the selected run's progress while it is active; once it ends, reloads the runs and keeps it selected.
     */
    void refreshRunning() {
        Drill drill = drills.asSingleSelect().getValue();
        DrillRun selected = runs.asSingleSelect().getValue();
        if (drill == null || selected == null || !selected.status().isActive()) {
            return;
        }
        try {
            DrillRun fresh = controlPlane.run(SignedIn.require(), drill.name(), selected.run());
            runPanel.show(drill.name(), fresh);
            abort.setEnabled(fresh.status() == DrillRun.Status.RUNNING);
            if (!fresh.status().isActive()) {
                showRuns(drill);
                select(selected.run());
            }
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    /** Shows the actions only to roles the API lets define and run drills. */
    private static HorizontalLayout operatorOnly(HorizontalLayout actions) {
        actions.setVisible(SignedIn.mayOperate());
        return actions;
    }

    private void select(long number) {
        runs.getListDataView()
                .getItems()
                .filter(run -> run.run() == number)
                .findFirst()
                .ifPresent(runs::select);
    }

    private void showRun(DrillRun selected) {
        Drill drill = drills.asSingleSelect().getValue();
        if (selected == null || drill == null) {
            runPanel.setVisible(false);
            abort.setEnabled(false);
            return;
        }
        try {
            DrillRun run = controlPlane.run(SignedIn.require(), drill.name(), selected.run());
            runPanel.show(drill.name(), run);
            abort.setEnabled(run.status() == DrillRun.Status.RUNNING);
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    private void abortSelected() {
        Drill drill = drills.asSingleSelect().getValue();
        DrillRun run = runs.asSingleSelect().getValue();
        if (drill == null || run == null) {
            return;
        }
        try {
            DrillRun aborted = controlPlane.abort(SignedIn.require(), drill.name(), run.run(), null);
            runPanel.show(drill.name(), aborted);
            abort.setEnabled(false);
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    private void pullKillSwitch() {
        String outcome;
        try {
            List<String> aborted = controlPlane.killSwitch(SignedIn.require(), null);
            outcome = aborted.isEmpty() ? "No drill was running." : "Aborted " + String.join(", ", aborted) + ".";
        } catch (ApiError failure) {
            outcome = failure.getMessage();
        }
        showRuns(drills.asSingleSelect().getValue());
        message.setText(outcome);
    }

    private void confirmLiveRun() {
        Drill drill = drills.asSingleSelect().getValue();
        if (drill == null) {
            return;
        }
        Confirmation.ask(
                "Start a live run of " + drill.name() + "?",
                "A live run moves real traffic away from " + drill.target()
                        + " after its pre-flight checks pass, and fails back at the end.",
                "Start live run",
                () -> start(false));
    }

    void start(boolean dry) {
        Drill drill = drills.asSingleSelect().getValue();
        if (drill == null) {
            return;
        }
        DrillRun started;
        try {
            started = controlPlane.startRun(SignedIn.require(), drill.name(), dry);
        } catch (ApiError failure) {
            showRuns(drill);
            message.setText(failure.getMessage());
            return;
        }
        showRuns(drill);
        if (started != null) {
            select(started.run());
        }
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
