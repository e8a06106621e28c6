package io.securewatch.console.ui;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.TextRenderer;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.securewatch.api.v1.DrillRun;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
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
    final ProgressBar progress = new ProgressBar();
    final Div chart = new Div();
    final Div links = new Div();

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
        steps.setItemDetailsRenderer(new TextRenderer<>(RunPanel::ackTimes));
        progress.setIndeterminate(true);
        progress.getElement().setAttribute("aria-label", "Run in progress");
        add(title, progress, links, checks, measurements, chart, steps, events);
        setVisible(false);
    }

    void show(String drill, DrillRun run) {
        title.setText("Run " + drill + "/" + run.run() + ": " + run.status().wireName()
                + (run.target() == null ? "" : " (" + run.target() + ")"));
        measurements.setText(measurements(run.measurements()));
        progress.setVisible(run.status().isActive());
        links.removeAll();
        links.add(new RouterLink(
                "Open the report",
                DrillReportView.class,
                new RouteParameters(Map.of("drill", drill, "run", String.valueOf(run.run())))));
        chart.removeAll();
        Map<String, Map<String, Double>> shares =
                run.measurements() == null ? null : run.measurements().trafficShare();
        if (shares != null && !shares.isEmpty()) {
            chart.add(new Svg(SvgChart.bars("Traffic share per region", shareByRegion(shares), " %")));
        }
        checks.setItems(run.checks() == null ? List.of() : run.checks());
        List<DrillRun.Step> runSteps = run.steps() == null ? List.of() : run.steps();
        steps.setItems(runSteps);
        steps.recalculateColumnWidths();
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

    /** Pivots traffic shares keyed by phase, then region, to region first with the phases in run order. */
    static Map<String, Map<String, Double>> shareByRegion(Map<String, Map<String, Double>> byPhase) {
        Map<String, Map<String, Double>> byRegion = new java.util.TreeMap<>();
        for (String phase : List.of("before", "during", "after")) {
            Map<String, Double> percentByRegion = byPhase.get(phase);
            if (percentByRegion != null) {
                percentByRegion.forEach(
                        (region, percent) -> byRegion.computeIfAbsent(region, key -> new LinkedHashMap<>())
                                .put(phase, percent));
            }
        }
        return byRegion;
    }

    /** Returns, per cluster, the revision the step pushed and when its agent acknowledged it. */
    static String ackTimes(DrillRun.Step step) {
        if (step.revisions() == null || step.revisions().isEmpty()) {
            return "This step pushed no revision.";
        }
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(step.revisions()).forEach((cluster, revision) -> {
            java.time.Instant acked = step.acks() == null ? null : step.acks().get(cluster);
            text.append(text.isEmpty() ? "" : "; ")
                    .append(cluster)
                    .append(" revision ")
                    .append(revision);
            if (acked == null) {
                text.append(", not acknowledged");
            } else {
                text.append(", acknowledged at ").append(TIME.format(acked));
                if (step.startedAt() != null) {
                    text.append(" (")
                            .append(seconds(
                                    Duration.between(step.startedAt(), acked).toMillis()))
                            .append(" after the step started)");
                }
            }
        });
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
