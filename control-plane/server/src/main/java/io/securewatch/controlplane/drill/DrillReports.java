package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillReport;
import io.securewatch.api.v1.DrillReport.TimelineEntry;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.DrillRun.Check;
import io.securewatch.api.v1.DrillRun.Event;
import io.securewatch.api.v1.DrillRun.Measurements;
import io.securewatch.api.v1.DrillRun.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report of a drill run: its timeline, and the whole report as a Markdown document or a standalone HTML page.
 * Pure code, so both formats are tested without a server.
 *
 * <p>Both formats render the same sections, built once as blocks of plain text. Each renderer escapes every piece of
 * text it writes, so drill names, summaries and abort reasons that users typed can add neither Markdown formatting nor
 * HTML markup. Missing values render as an em dash, never as {@code null}.
 */
final class DrillReports {

    private static final String DASH = "—";

    /** Keys of {@link Measurements#trafficShare()} for the moments it measures, in time order. */
    private static final List<String> PHASES = List.of("before", "during", "after");

    /** Characters that CommonMark or GitHub-flavoured Markdown may read as markup anywhere in a line. */
    private static final String MARKDOWN_INLINE_SPECIALS = "\\`*_[]<>|~&";

    /** Characters that start a heading, a list item or a setext underline at the start of a line. */
    private static final String MARKDOWN_LEADING_SPECIALS = "#-+=";

    /** An ordered-list marker such as {@code 1.} or {@code 2)} at the start of a line. */
    private static final Pattern ORDERED_LIST_MARKER = Pattern.compile("(\\d{1,9})[.)](?:\\s|$)");

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
            table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
            th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
            thead th { background: #f0f0f0; }
            """;

    private DrillReports() {}

    /** A section of the report. The summary at the top has no heading. */
    private record Section(String heading, List<Block> blocks) {}

    private sealed interface Block permits Paragraph, Bullets, Table {}

    private record Paragraph(String text) implements Block {}

    private record Bullets(String caption, List<String> items) implements Block {}

    private record Table(List<String> header, List<List<String>> rows) implements Block {}

    /**
     * Builds the report of a run, with a timeline of the run's start and end, each step's start and end, and each
     * event, sorted by time. Entries at the same time keep that order.
     *
     * @param now the time the report is generated
     */
    static DrillReport report(Drill definition, DrillRun run, Instant now) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(now, "now");

        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(run.startedAt(), "run started by " + orDash(run.startedBy())));
        for (Step step : orEmpty(run.steps())) {
            String name = orDash(step.name());
            timeline.add(new TimelineEntry(step.startedAt(), "step " + name + " started"));
            if (step.finishedAt() != null) {
                Long millis = stepMillis(step);
                String after = millis == null ? "" : " after " + formatDuration(millis);
                timeline.add(
                        new TimelineEntry(step.finishedAt(), "step " + name + " " + orDash(step.status()) + after));
            }
        }
        for (Event event : orEmpty(run.events())) {
            String actor = event.actor() == null ? "" : " (by " + event.actor() + ")";
            timeline.add(new TimelineEntry(event.at(), orDash(event.kind()) + ": " + orDash(event.message()) + actor));
        }
        if (run.finishedAt() != null) {
            timeline.add(new TimelineEntry(run.finishedAt(), "run " + status(run)));
        }

        // List.sort is stable, so entries at the same time stay in the order added above.
        timeline.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return new DrillReport(definition, run, List.copyOf(timeline), now);
    }

    /** Renders the report as a Markdown document with GitHub-flavoured tables. */
    static String markdown(DrillReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escapeMarkdown(title(report.run()))).append('\n');
        for (Section section : sections(report)) {
            if (section.heading() != null) {
                out.append("\n## ").append(escapeMarkdown(section.heading())).append('\n');
            }
            for (Block block : section.blocks()) {
                out.append('\n');
                appendMarkdown(out, block);
            }
        }
        return out.toString();
    }

    /** Renders the report as a complete HTML5 page with inline CSS, no scripts and no external resources. */
    static String html(DrillReport report) {
        String title = escapeHtml(title(report.run()));
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.append("<title>").append(title).append("</title>\n");
        out.append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(title).append("</h1>\n");
        for (Section section : sections(report)) {
            if (section.heading() != null) {
                out.append("<h2>").append(escapeHtml(section.heading())).append("</h2>\n");
            }
            for (Block block : section.blocks()) {
                appendHtml(out, block);
            }
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static String title(DrillRun run) {
        return "Drill " + orDash(run.drill()) + " run " + run.run() + ": " + status(run);
    }

    private static List<Section> sections(DrillReport report) {
        DrillRun run = report.run();
        return List.of(
                new Section(null, List.of(summary(report))),
                new Section("Pre-flight checks", checks(run)),
                new Section("Measurements", measurements(run)),
                new Section("Steps", steps(run)),
                new Section("Guardrail and abort events", List.of(events(run))),
                new Section("Timeline", List.of(timeline(report))));
    }

    private static Block summary(DrillReport report) {
        DrillRun run = report.run();
        Drill definition = report.definition();
        String type = definition == null || definition.type() == null
                ? DASH
                : definition.type().wireName();
        String target = run.target();
        if (target == null && definition != null) {
            target = definition.target();
        }

        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Type", type));
        rows.add(List.of("Target", orDash(target)));
        rows.add(List.of("Mode", run.dryRun() ? "dry run" : "live"));
        rows.add(List.of("Started by", orDash(run.startedBy())));
        rows.add(List.of("Started at", formatTime(run.startedAt())));
        rows.add(List.of("Finished at", formatTime(run.finishedAt())));
        if (run.abortedBy() != null || run.abortReason() != null) {
            rows.add(List.of("Aborted by", orDash(run.abortedBy())));
            rows.add(List.of("Abort reason", orDash(run.abortReason())));
        }
        rows.add(List.of("Duration", formatDuration(runMillis(run))));
        rows.add(List.of("Report generated at", formatTime(report.generatedAt())));
        return new Table(List.of("Field", "Value"), rows);
    }

    private static List<Block> checks(DrillRun run) {
        List<Check> checks = orEmpty(run.checks());
        if (checks.isEmpty()) {
            return List.of(new Paragraph("No pre-flight checks ran."));
        }

        List<Block> blocks = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Check check : checks) {
            rows.add(List.of(orDash(check.name()), result(check), orDash(check.summary())));
        }
        blocks.add(new Table(List.of("Check", "Result", "Summary"), rows));
        for (Check check : checks) {
            List<String> details = orEmpty(check.details());
            if (!details.isEmpty()) {
                String caption = "Details of the " + orDash(check.name()) + " check (" + result(check) + "):";
                blocks.add(new Bullets(
                        caption, details.stream().map(DrillReports::orDash).toList()));
            }
        }
        return blocks;
    }

    private static String result(Check check) {
        return check.passed() ? "passed" : "FAILED";
    }

    private static List<Block> measurements(DrillRun run) {
        Measurements measured = run.measurements();
        if (measured == null) {
            return List.of(new Paragraph("Nothing measured."));
        }

        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(
                List.of("Measurement", "Value"),
                List.of(
                        List.of("Recovery time", formatDuration(measured.recoveryTimeMillis())),
                        List.of("Fail-back time", formatDuration(measured.failBackMillis())),
                        List.of("Duration", formatDuration(measured.durationMillis())))));

        Map<String, Map<String, Double>> shareByRegion = shareByRegion(orEmpty(measured.trafficShare()));
        if (shareByRegion.isEmpty()) {
            blocks.add(new Paragraph("No traffic share measured."));
            return blocks;
        }
        List<List<String>> rows = new ArrayList<>();
        shareByRegion.forEach((region, byPhase) -> {
            List<String> row = new ArrayList<>();
            row.add(region);
            PHASES.forEach(phase -> row.add(formatPercent(byPhase.get(phase))));
            rows.add(row);
        });
        blocks.add(new Paragraph("Traffic share, in percent of the affected services' requests: before is at the run's"
                + " start, during at the end of the observation (or at an abort, once the agents reported the shifted"
                + " traffic) and after at the run's end."));
        blocks.add(new Table(List.of("Region", "Before", "During", "After"), rows));
        return blocks;
    }

    /** Pivots the traffic share, which the run keys by phase and then by region, to region first. */
    private static Map<String, Map<String, Double>> shareByRegion(Map<String, Map<String, Double>> share) {
        Map<String, Map<String, Double>> byRegion = new TreeMap<>();
        share.forEach((phase, percentByRegion) -> orEmpty(percentByRegion)
                .forEach((region, percent) ->
                        byRegion.computeIfAbsent(region, key -> new HashMap<>()).put(phase, percent)));
        return byRegion;
    }

    private static List<Block> steps(DrillRun run) {
        List<Step> steps = orEmpty(run.steps());
        if (steps.isEmpty()) {
            return List.of(new Paragraph("No steps ran."));
        }

        List<List<String>> rows = new ArrayList<>();
        List<List<String>> ackRows = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Long> revisions = orEmpty(step.revisions());
            Map<String, Instant> acks = orEmpty(step.acks());
            long acked = revisions.keySet().stream().filter(acks::containsKey).count();
            rows.add(List.of(
                    orDash(step.name()),
                    orDash(step.status()),
                    formatTime(step.startedAt()),
                    formatDuration(stepMillis(step)),
                    revisions.isEmpty() ? DASH : String.valueOf(revisions.size()),
                    revisions.isEmpty() ? DASH : acked + " of " + revisions.size(),
                    orDash(step.summary())));

            SortedSet<String> clusters = new TreeSet<>(revisions.keySet());
            clusters.addAll(acks.keySet());
            for (String cluster : clusters) {
                Long revision = revisions.get(cluster);
                Instant ackedAt = acks.get(cluster);
                Long afterMillis = ackedAt == null || step.startedAt() == null
                        ? null
                        : Duration.between(step.startedAt(), ackedAt).toMillis();
                ackRows.add(List.of(
                        orDash(step.name()),
                        cluster,
                        revision == null ? DASH : String.valueOf(revision),
                        formatTime(ackedAt),
                        formatDuration(afterMillis)));
            }
        }

        List<Block> blocks = new ArrayList<>();
        blocks.add(new Table(List.of("Step", "Status", "Started", "Duration", "Revisions", "Acks", "Summary"), rows));
        if (!ackRows.isEmpty()) {
            blocks.add(new Paragraph("Acknowledgements: when each cluster's agent acknowledged the revision a step sent"
                    + " it, and how long after the step's start."));
            blocks.add(new Table(List.of("Step", "Cluster", "Revision", "Acknowledged at", "After"), ackRows));
        }
        return blocks;
    }

    private static Block events(DrillRun run) {
        List<Event> events = orEmpty(run.events());
        if (events.isEmpty()) {
            return new Paragraph("No events.");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Event event : events) {
            rows.add(List.of(
                    formatTime(event.at()), orDash(event.kind()), orDash(event.actor()), orDash(event.message())));
        }
        return new Table(List.of("Time", "Kind", "By", "Message"), rows);
    }

    private static Block timeline(DrillReport report) {
        List<TimelineEntry> entries = orEmpty(report.timeline());
        if (entries.isEmpty()) {
            return new Paragraph("No entries.");
        }
        List<List<String>> rows = new ArrayList<>();
        for (TimelineEntry entry : entries) {
            rows.add(List.of(formatTime(entry.at()), orDash(entry.what())));
        }
        return new Table(List.of("Time", "Event"), rows);
    }

    private static void appendMarkdown(StringBuilder out, Block block) {
        if (block instanceof Paragraph paragraph) {
            out.append(escapeMarkdown(paragraph.text())).append('\n');
        } else if (block instanceof Bullets bullets) {
            out.append(escapeMarkdown(bullets.caption())).append("\n\n");
            bullets.items()
                    .forEach(item ->
                            out.append("- ").append(escapeMarkdown(item)).append('\n'));
        } else if (block instanceof Table table) {
            appendMarkdownRow(out, table.header());
            out.append("|---".repeat(table.header().size())).append("|\n");
            table.rows().forEach(row -> appendMarkdownRow(out, row));
        }
    }

    private static void appendMarkdownRow(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(cell -> out.append(' ').append(escapeMarkdown(cell)).append(" |"));
        out.append('\n');
    }

    private static void appendHtml(StringBuilder out, Block block) {
        if (block instanceof Paragraph paragraph) {
            out.append("<p>").append(escapeHtml(paragraph.text())).append("</p>\n");
        } else if (block instanceof Bullets bullets) {
            out.append("<p>").append(escapeHtml(bullets.caption())).append("</p>\n<ul>\n");
            bullets.items()
                    .forEach(item -> out.append("<li>").append(escapeHtml(item)).append("</li>\n"));
            out.append("</ul>\n");
        } else if (block instanceof Table table) {
            out.append("<table>\n<thead>\n");
            appendHtmlRow(out, "th", table.header());
            out.append("</thead>\n<tbody>\n");
            table.rows().forEach(row -> appendHtmlRow(out, "td", row));
            out.append("</tbody>\n</table>\n");
        }
    }

    private static void appendHtmlRow(StringBuilder out, String cellTag, List<String> cells) {
        out.append("<tr>");
        cells.forEach(cell -> out.append('<')
                .append(cellTag)
                .append('>')
                .append(escapeHtml(cell))
                .append("</")
                .append(cellTag)
                .append('>'));
        out.append("</tr>\n");
    }

    /**
     * Escapes text for one line of Markdown, table cells included. Surrounding whitespace is dropped, line breaks
     * become spaces, markup characters get a backslash, and so does a leading character that would start a heading or
     * a list item.
     */
    private static String escapeMarkdown(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        int leadingIndex = -1;
        if (!line.isEmpty() && MARKDOWN_LEADING_SPECIALS.indexOf(line.charAt(0)) >= 0) {
            leadingIndex = 0;
        }
        Matcher orderedList = ORDERED_LIST_MARKER.matcher(line);
        if (orderedList.lookingAt()) {
            leadingIndex = orderedList.end(1);
        }

        StringBuilder out = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (i == leadingIndex || MARKDOWN_INLINE_SPECIALS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String status(DrillRun run) {
        return run.status() == null ? DASH : run.status().wireName();
    }

    private static Long stepMillis(Step step) {
        if (step.durationMillis() != null) {
            return step.durationMillis();
        }
        return millisBetween(step.startedAt(), step.finishedAt());
    }

    private static Long runMillis(DrillRun run) {
        if (run.measurements() != null && run.measurements().durationMillis() != null) {
            return run.measurements().durationMillis();
        }
        return millisBetween(run.startedAt(), run.finishedAt());
    }

    private static Long millisBetween(Instant start, Instant end) {
        return start == null || end == null
                ? null
                : Duration.between(start, end).toMillis();
    }

    /** Formats an instant in ISO-8601 UTC, truncated to milliseconds. */
    private static String formatTime(Instant at) {
        return at == null ? DASH : at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * Formats a duration as seconds with milliseconds below one minute ({@code 1.234 s}), and from one minute on as
     * whole hours, minutes and seconds, leaving out zero parts ({@code 2 min 5 s}, {@code 1 h 3 s}).
     */
    private static String formatDuration(Long millis) {
        if (millis == null) {
            return DASH;
        }
        if (millis < 0) {
            return "-" + formatDuration(Math.negateExact(millis));
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        List<String> parts = new ArrayList<>();
        if (seconds >= 3600) {
            parts.add(seconds / 3600 + " h");
        }
        if (seconds % 3600 >= 60) {
            parts.add(seconds % 3600 / 60 + " min");
        }
        if (seconds % 60 > 0) {
            parts.add(seconds % 60 + " s");
        }
        return String.join(" ", parts);
    }

    private static String formatPercent(Double percent) {
        return percent == null ? DASH : String.format(Locale.ROOT, "%.1f %%", percent);
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? DASH : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
