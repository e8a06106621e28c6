package io.securewatch.controlplane.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillReport;
import io.securewatch.api.v1.DrillReport.TimelineEntry;
import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.api.v1.DrillRequest.Mode;
import io.securewatch.api.v1.DrillRequest.Scope;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.DrillRun.Check;
import io.securewatch.api.v1.DrillRun.Event;
import io.securewatch.api.v1.DrillRun.Measurements;
import io.securewatch.api.v1.DrillRun.Status;
import io.securewatch.api.v1.DrillRun.Step;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillReportsTest {

    private static final Instant START = Instant.parse("2025-03-04T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-04T12:00:00Z");

    private static final Drill DEFINITION = new Drill(
            "evacuate-eu-west-1",
            Type.REGION_EVACUATION,
            "eu-west-1",
            Scope.EVERYTHING,
            Guardrails.DEFAULTS,
            Mode.LIVE,
            null,
            "alice",
            2,
            START.minusSeconds(86_400),
            START.minusSeconds(3600));

    private static final List<Check> PASSED_CHECKS = List.of(
            new Check("agents", true, "3 of 3 agents connected, 3 of 3 up to date", List.of()),
            new Check("capacity", true, "1 of 1 affected workloads fit in the survivors", List.of()));

    @Test
    void timelineOrdersStepsAndEventsByTime() {
        // given
        List<Step> steps = List.of(
                step("pre-scale", "done", 0, 1234L, 1234L),
                step("shift-routing", "interrupted", 2_000, 127_000L, null),
                step("abort", "done", 127_000, 130_000L, null));
        List<Event> events = List.of(
                new Event(at(60_000), "warning", "agent eu-west-1-b slow to acknowledge", null),
                new Event(at(90_000), "abort", "error budget exhausted", "bob"));
        DrillRun run = new DrillRun(
                "evacuate-eu-west-1",
                7,
                false,
                Status.ABORTED,
                "eu-west-1",
                "alice",
                START,
                at(130_000),
                "bob",
                "error budget exhausted",
                PASSED_CHECKS,
                steps,
                null,
                events);

        // when
        DrillReport report = DrillReports.report(DEFINITION, run, NOW);

        // then
        assertThat(report.timeline())
                .extracting(TimelineEntry::what)
                .containsExactly(
                        "run started by alice",
                        "step pre-scale started",
                        "step pre-scale done after 1.234 s",
                        "step shift-routing started",
                        "warning: agent eu-west-1-b slow to acknowledge",
                        "abort: error budget exhausted (by bob)",
                        "step shift-routing interrupted after 2 min 5 s",
                        "step abort started",
                        "step abort done after 3.000 s",
                        "run aborted");
        assertThat(report.timeline())
                .extracting(TimelineEntry::at)
                .containsExactly(
                        START,
                        START,
                        at(1234),
                        at(2_000),
                        at(60_000),
                        at(90_000),
                        at(127_000),
                        at(127_000),
                        at(130_000),
                        at(130_000));
        assertThat(report.generatedAt()).isEqualTo(NOW);
        assertThat(report.definition()).isEqualTo(DEFINITION);
        assertThat(report.run()).isEqualTo(run);
    }

    @Test
    void timelineOmitsEndsThatHaveNotHappened() {
        // given
        DrillRun run = completedRun(List.of(step("observe", "running", 5_000, null, null)), null, List.of());
        DrillRun running = new DrillRun(
                run.drill(),
                run.run(),
                false,
                Status.RUNNING,
                run.target(),
                run.startedBy(),
                run.startedAt(),
                null,
                null,
                null,
                run.checks(),
                run.steps(),
                null,
                List.of());

        // when
        DrillReport report = DrillReports.report(DEFINITION, running, NOW);

        // then
        assertThat(report.timeline())
                .extracting(TimelineEntry::what)
                .containsExactly("run started by alice", "step observe started");
    }

    @Test
    void stepDurationsReadAsSecondsOrWholeUnits() {
        // given
        Map<Long, String> expectedByMillis = Map.of(
                0L, "0.000 s",
                250L, "0.250 s",
                59_999L, "59.999 s",
                60_000L, "1 min",
                125_400L, "2 min 5 s",
                3_603_000L, "1 h 3 s",
                7_384_000L, "2 h 3 min 4 s");

        for (Map.Entry<Long, String> expected : expectedByMillis.entrySet()) {
            DrillRun run = completedRun(
                    List.of(step("observe", "done", 0, expected.getKey(), expected.getKey())), null, List.of());

            // when
            DrillReport report = DrillReports.report(DEFINITION, run, NOW);

            // then
            assertThat(report.timeline())
                    .extracting(TimelineEntry::what)
                    .as("duration of %d ms", expected.getKey())
                    .contains("step observe done after " + expected.getValue());
        }
    }

    @Test
    void abortedRunNamesAborterAndReasonInMarkdown() {
        // given
        DrillReport report = DrillReports.report(DEFINITION, abortedRun("bob", "error budget exhausted"), NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        assertThat(markdown).startsWith("# Drill evacuate-eu-west-1 run 7: aborted\n");
        assertThat(markdown).contains("| Aborted by | bob |\n");
        assertThat(markdown).contains("| Abort reason | error budget exhausted |\n");
        assertThat(markdown).contains("| 2025-03-04T10:01:30Z | abort | bob | error budget exhausted |\n");
        assertThat(markdown).contains("| 2025-03-04T10:01:30Z | abort: error budget exhausted (by bob) |\n");
    }

    @Test
    void abortedRunNamesAborterAndReasonInHtml() {
        // given
        DrillReport report = DrillReports.report(DEFINITION, abortedRun("bob", "error budget exhausted"), NOW);

        // when
        String html = DrillReports.html(report);

        // then
        assertThat(html).contains("<h1>Drill evacuate-eu-west-1 run 7: aborted</h1>");
        assertThat(html).contains("<tr><td>Aborted by</td><td>bob</td></tr>");
        assertThat(html).contains("<tr><td>Abort reason</td><td>error budget exhausted</td></tr>");
        assertThat(html)
                .contains("<tr><td>2025-03-04T10:01:30Z</td><td>abort</td><td>bob</td>"
                        + "<td>error budget exhausted</td></tr>");
    }

    @Test
    void completedRunHasNoAbortRows() {
        // given
        DrillReport report = DrillReports.report(DEFINITION, completedRun(List.of(), null, List.of()), NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        assertThat(markdown).doesNotContain("Aborted by");
        assertThat(markdown).doesNotContain("Abort reason");
    }

    @Test
    void htmlEscapesTextFromUsers() {
        // given
        DrillRun run = abortedRun("o'brien", "<script>alert(1)</script> & \"x\"");
        DrillReport report = DrillReports.report(DEFINITION, run, NOW);

        // when
        String html = DrillReports.html(report);

        // then
        assertThat(html)
                .contains("<td>Abort reason</td><td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</td>");
        assertThat(html).contains("<td>Aborted by</td><td>o&#39;brien</td>");
        assertThat(html).doesNotContain("<script>");
        assertThat(html).doesNotContain("</script>");
        assertThat(html).doesNotContain("o'brien");
        assertThat(html).doesNotContain("\"x\"");
    }

    @Test
    void markdownEscapesPipesInTableCells() {
        // given
        DrillReport report = DrillReports.report(DEFINITION, abortedRun("bob", "latency | errors"), NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        String abortReasonRow = markdown.lines()
                .filter(line -> line.startsWith("| Abort reason "))
                .findFirst()
                .orElseThrow();
        assertThat(abortReasonRow).isEqualTo("| Abort reason | latency \\| errors |");
        assertThat(abortReasonRow.replace("\\|", "")).containsOnlyOnce(" | ");
    }

    @Test
    void markdownEscapesFormattingInTextFromUsers() {
        // given
        List<Check> checks = List.of(new Check(
                "capacity",
                false,
                "*all* [short](http://example.test) <b>now</b>",
                List.of("# not a heading", "- not a nested item", "1. not an ordered list", "> not a quote")));
        DrillReport report = DrillReports.report(DEFINITION, dryRun(checks), NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        assertThat(markdown)
                .contains("| capacity | FAILED | \\*all\\* \\[short\\](http://example.test) \\<b\\>now\\</b\\> |\n");
        assertThat(markdown).contains("Details of the capacity check (FAILED):\n\n");
        assertThat(markdown).contains("\n- \\# not a heading\n");
        assertThat(markdown).contains("\n- \\- not a nested item\n");
        assertThat(markdown).contains("\n- 1\\. not an ordered list\n");
        assertThat(markdown).contains("\n- \\> not a quote\n");
    }

    @Test
    void markdownKeepsMultilineTextOnOneRow() {
        // given
        DrillReport report = DrillReports.report(DEFINITION, abortedRun("bob", "first line\r\n  # second line\n"), NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        assertThat(markdown).contains("| Abort reason | first line # second line |\n");
    }

    @Test
    void dryRunRendersWithoutNull() {
        // given
        List<Check> checks = List.of(
                new Check("agents", true, "3 of 3 agents connected, 3 of 3 up to date", null),
                new Check("capacity", false, null, List.of("api: short by 2 replicas")));
        DrillRun run = new DrillRun(
                "evacuate-eu-west-1",
                3,
                true,
                Status.FAILED,
                null,
                "alice",
                START,
                at(1500),
                null,
                null,
                checks,
                List.of(),
                null,
                null);
        DrillReport report = DrillReports.report(DEFINITION, run, NOW);

        // when
        String markdown = DrillReports.markdown(report);
        String html = DrillReports.html(report);

        // then
        assertThat(markdown).doesNotContainIgnoringCase("null");
        assertThat(html).doesNotContainIgnoringCase("null");
        assertThat(markdown).contains("| Mode | dry run |\n");
        assertThat(markdown).contains("| Target | eu-west-1 |\n");
        assertThat(markdown).contains("| capacity | FAILED | — |\n");
        assertThat(markdown).contains("| Duration | 1.500 s |\n");
        assertThat(html).contains("<p>Nothing measured.</p>");
        assertThat(html).contains("<p>No steps ran.</p>");
        assertThat(html).contains("<p>No events.</p>");
    }

    @Test
    void failedDryRunRendersWholeMarkdownDocument() {
        // given
        List<Check> checks = List.of(
                new Check("agents", true, "3 of 3 agents connected, 3 of 3 up to date", List.of()),
                new Check(
                        "capacity",
                        false,
                        "1 of 1 affected workloads do not fit in the survivors, short by 2 replicas",
                        List.of("api: short by 2 replicas")));
        DrillReport report = DrillReports.report(DEFINITION, dryRun(checks), NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        assertThat(markdown).isEqualTo("""
                        # Drill evacuate-eu-west-1 run 3: failed

                        | Field | Value |
                        |---|---|
                        | Type | region-evacuation |
                        | Target | eu-west-1 |
                        | Mode | dry run |
                        | Started by | alice |
                        | Started at | 2025-03-04T10:00:00Z |
                        | Finished at | 2025-03-04T10:00:01.500Z |
                        | Duration | 1.500 s |
                        | Report generated at | 2025-03-04T12:00:00Z |

                        ## Pre-flight checks

                        | Check | Result | Summary |
                        |---|---|---|
                        | agents | passed | 3 of 3 agents connected, 3 of 3 up to date |
                        | capacity | FAILED | 1 of 1 affected workloads do not fit in the survivors, short by 2 replicas |

                        Details of the capacity check (FAILED):

                        - api: short by 2 replicas

                        ## Measurements

                        Nothing measured.

                        ## Steps

                        No steps ran.

                        ## Guardrail and abort events

                        No events.

                        ## Timeline

                        | Time | Event |
                        |---|---|
                        | 2025-03-04T10:00:00Z | run started by alice |
                        | 2025-03-04T10:00:01.500Z | run failed |
                        """);
    }

    @Test
    void trafficShareShowsOnePercentDecimalPerRegion() {
        // given
        Map<String, Map<String, Double>> share = Map.of(
                "before", Map.of("eu-west-1", 33.333, "us-east-1", 66.667),
                "during", Map.of("eu-west-1", 0.0, "us-east-1", 100.0),
                "after", Map.of("eu-west-1", 32.96, "us-east-1", 67.04));
        Measurements measurements = new Measurements(4_321L, 65_000L, 600_000L, share);
        DrillReport report = DrillReports.report(DEFINITION, completedRun(List.of(), measurements, List.of()), NOW);

        // when
        String markdown = DrillReports.markdown(report);
        String html = DrillReports.html(report);

        // then
        assertThat(markdown).contains("| Region | Before | During | After |\n|---|---|---|---|\n");
        assertThat(markdown)
                .contains("| eu-west-1 | 33.3 % | 0.0 % | 33.0 % |\n| us-east-1 | 66.7 % | 100.0 % | 67.0 % |\n");
        assertThat(markdown).contains("| Recovery time | 4.321 s |\n");
        assertThat(markdown).contains("| Fail-back time | 1 min 5 s |\n");
        assertThat(markdown).contains("| Duration | 10 min |\n");
        assertThat(html).contains("<tr><td>eu-west-1</td><td>33.3 %</td><td>0.0 %</td><td>33.0 %</td></tr>");
    }

    @Test
    void missingTrafficSharePhaseShowsDash() {
        // given
        Map<String, Map<String, Double>> share = Map.of(
                "before", Map.of("eu-west-1", 33.333, "us-east-1", 66.667),
                "during", Map.of("us-east-1", 100.0));
        Measurements measurements = new Measurements(null, null, 600_000L, share);
        DrillReport report = DrillReports.report(DEFINITION, completedRun(List.of(), measurements, List.of()), NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        assertThat(markdown).contains("| eu-west-1 | 33.3 % | — | — |\n| us-east-1 | 66.7 % | 100.0 % | — |\n");
        assertThat(markdown).contains("| Recovery time | — |\n");
    }

    @Test
    void numbersIgnoreDefaultLocale() {
        // given
        Measurements measurements = new Measurements(1_234L, null, null, Map.of("before", Map.of("eu-west-1", 33.3)));
        DrillReport report = DrillReports.report(DEFINITION, completedRun(List.of(), measurements, List.of()), NOW);
        Locale defaultLocale = Locale.getDefault();
        String markdown;

        // when
        try {
            Locale.setDefault(Locale.GERMANY);
            markdown = DrillReports.markdown(report);
        } finally {
            Locale.setDefault(defaultLocale);
        }

        // then
        assertThat(markdown).contains("| eu-west-1 | 33.3 % | — | — |\n");
        assertThat(markdown).contains("| Recovery time | 1.234 s |\n");
    }

    @Test
    void stepsTableCountsRevisionsAndAcks() {
        // given
        Step shiftRouting = new Step(
                "shift-routing",
                "done",
                at(2_000),
                at(6_000),
                4_000L,
                Map.of("eu-central-1-a", 12L, "us-east-1-a", 12L, "us-east-1-b", 13L),
                Map.of("eu-central-1-a", at(3_500), "us-east-1-a", at(5_250)),
                "moved traffic off eu-west-1 | 3 clusters");
        DrillReport report = DrillReports.report(DEFINITION, completedRun(List.of(shiftRouting), null, List.of()), NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        assertThat(markdown)
                .contains("| shift-routing | done | 2025-03-04T10:00:02Z | 4.000 s | 3 | 2 of 3 |"
                        + " moved traffic off eu-west-1 \\| 3 clusters |\n");
        assertThat(markdown)
                .contains("| Step | Cluster | Revision | Acknowledged at | After |\n|---|---|---|---|---|\n"
                        + "| shift-routing | eu-central-1-a | 12 | 2025-03-04T10:00:03.500Z | 1.500 s |\n"
                        + "| shift-routing | us-east-1-a | 12 | 2025-03-04T10:00:05.250Z | 3.250 s |\n"
                        + "| shift-routing | us-east-1-b | 13 | — | — |\n");
    }

    @Test
    void timesAreTruncatedToMilliseconds() {
        // given
        DrillRun run = completedRun(List.of(), null, List.of());
        DrillRun precise = new DrillRun(
                run.drill(),
                run.run(),
                false,
                run.status(),
                run.target(),
                run.startedBy(),
                START.plusNanos(123_456_789),
                run.finishedAt(),
                null,
                null,
                run.checks(),
                run.steps(),
                null,
                List.of());
        DrillReport report = DrillReports.report(DEFINITION, precise, NOW);

        // when
        String markdown = DrillReports.markdown(report);

        // then
        assertThat(markdown).contains("| Started at | 2025-03-04T10:00:00.123Z |\n");
        assertThat(markdown).doesNotContain("123456789");
    }

    @Test
    void htmlIsStandaloneDocumentWithEverySection() {
        // given
        DrillReport report = DrillReports.report(DEFINITION, abortedRun("bob", "error budget exhausted"), NOW);

        // when
        String html = DrillReports.html(report);

        // then
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        assertThat(html).contains("<title>Drill evacuate-eu-west-1 run 7: aborted</title>");
        assertThat(html).contains("<style>");
        assertThat(html).endsWith("</body>\n</html>\n");
        assertThat(html).doesNotContain("<script");
        assertThat(html).doesNotContain("<link");
        assertThat(html).doesNotContain("src=");
        assertThat(html).doesNotContain("http:");
        assertThat(html).doesNotContain("https:");
        assertThat(html)
                .containsSubsequence(
                        "<h2>Pre-flight checks</h2>",
                        "<h2>Measurements</h2>",
                        "<h2>Steps</h2>",
                        "<h2>Guardrail and abort events</h2>",
                        "<h2>Timeline</h2>");
    }

    private static Instant at(long millisAfterStart) {
        return START.plusMillis(millisAfterStart);
    }

    private static Step step(String name, String status, long startMillis, Long finishMillis, Long durationMillis) {
        return new Step(
                name,
                status,
                at(startMillis),
                finishMillis == null ? null : at(finishMillis),
                durationMillis,
                Map.of(),
                Map.of(),
                null);
    }

    private static DrillRun dryRun(List<Check> checks) {
        return new DrillRun(
                "evacuate-eu-west-1",
                3,
                true,
                Status.FAILED,
                "eu-west-1",
                "alice",
                START,
                at(1500),
                null,
                null,
                checks,
                List.of(),
                null,
                List.of());
    }

    private static DrillRun completedRun(List<Step> steps, Measurements measurements, List<Event> events) {
        return new DrillRun(
                "evacuate-eu-west-1",
                5,
                false,
                Status.COMPLETED,
                "eu-west-1",
                "alice",
                START,
                at(600_000),
                null,
                null,
                PASSED_CHECKS,
                steps,
                measurements,
                events);
    }

    private static DrillRun abortedRun(String abortedBy, String abortReason) {
        return new DrillRun(
                "evacuate-eu-west-1",
                7,
                false,
                Status.ABORTED,
                "eu-west-1",
                "alice",
                START,
                at(120_000),
                abortedBy,
                abortReason,
                PASSED_CHECKS,
                List.of(step("pre-scale", "interrupted", 0, 90_000L, 90_000L)),
                new Measurements(null, null, 120_000L, null),
                List.of(new Event(at(90_000), "abort", abortReason, abortedBy)));
    }
}
