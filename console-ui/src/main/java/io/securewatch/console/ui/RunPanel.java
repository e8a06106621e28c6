package io.securewatch.console.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.securewatch.api.v1.DrillRun;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One drill run: its pre-flight checks with their numbers, its measurements, each step with its Acks, and its
 * guardrail and abort events.
 */
class RunPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    final H3 title = new H3();
    final Span measurements = new Span();
    final Grid<DrillRun.Check> checks = new Grid<>();
    final Grid<DrillRun.Step> steps = new Grid<>();
    final UnorderedList events = new UnorderedList();

    RunPanel() {
        setPadding(false);
        checks.addColumn(DrillRun.Check::name).setHeader("Check");
        checks.addColumn(check -> check.passed() ? "passed" : "FAILED").setHeader("Result");
        checks.addColumn(DrillRun.Check::summary).setHeader("Summary");
        checks.getColumns().forEach(column -> column.setAutoWidth(true));
        checks.setAllRowsVisible(true);
        steps.addColumn(DrillRun.Step::name).setHeader("Step");
        steps.addColumn(DrillRun.Step::status).setHeader("Status");
        steps.addColumn(step -> step.startedAt() == null ? "" : TIME.format(step.startedAt()))
                .setHeader("Started (UTC)");
        steps.addColumn(step -> step.durationMillis() == null ? "" : seconds(step.durationMillis()))
                .setHeader("Duration");
        steps.addColumn(RunPanel::acks).setHeader("Acks");
        steps.addColumn(step -> step.summary() == null ? "" : step.summary()).setHeader("Summary");
        steps.getColumns().forEach(column -> column.setAutoWidth(true));
        steps.setAllRowsVisible(true);
        add(title, checks, measurements, steps, events);
        setVisible(false);
    }

    void show(String drill, DrillRun run) {
        title.setText("Run " + drill + "/" + run.run() + ": " + run.status().wireName()
                + (run.target() == null ? "" : " (" + run.target() + ")"));
        measurements.setText(measurements(run.measurements()));
        checks.setItems(run.checks() == null ? List.of() : run.checks());
        List<DrillRun.Step> runSteps = run.steps() == null ? List.of() : run.steps();
        steps.setItems(runSteps);
        steps.setVisible(!runSteps.isEmpty());
        events.removeAll();
        if (run.abortedBy() != null) {
            events.add(new ListItem("aborted by " + run.abortedBy() + ": " + run.abortReason()));
        }
        if (run.events() != null) {
            run.events()
                    .forEach(event -> events.add(
                            new ListItem(TIME.format(event.at()) + " " + event.kind() + ": " + event.message())));
        }
        setVisible(true);
    }

    /** Returns one sentence with the run's measurements, or that it has none. */
    static String measurements(DrillRun.Measurements measurements) {
        if (measurements == null) {
            return "No measurements: a dry run or a run that failed its checks changes nothing.";
        }
        StringBuilder text = new StringBuilder();
        text.append("Recovery time ")
                .append(
                        measurements.recoveryTimeMillis() == null
                                ? "not measured"
                                : measurements.recoveryTimeMillis() + " ms")
                .append(", fail-back ")
                .append(measurements.failBackMillis() == null ? "not measured" : measurements.failBackMillis() + " ms")
                .append(", duration ")
                .append(measurements.durationMillis() == null ? "unknown" : seconds(measurements.durationMillis()))
                .append('.');
        Map<String, Map<String, Double>> shares = measurements.trafficShare();
        if (shares != null && shares.containsKey("during")) {
            text.append(" Traffic during the run: ");
            List<String> parts = shares.get("during").entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue() + " %")
                    .toList();
            text.append(String.join(", ", parts)).append('.');
        }
        return text.toString();
    }

    private static String acks(DrillRun.Step step) {
        if (step.revisions() == null || step.revisions().isEmpty()) {
            return "";
        }
        int acked = step.acks() == null ? 0 : step.acks().size();
        return acked + " of " + step.revisions().size();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
