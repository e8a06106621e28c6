package io.securewatch.console.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.StreamResource;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillReport;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The report of one drill run: what ran, who started it, its checks, measurements with the traffic share chart,
 * steps with Acks, and the timeline. Links download the API's Markdown and HTML documents of the report.
 */
@Route(value = "drills/:drill/runs/:run/report", layout = MainLayout.class)
@PageTitle("Drill report | SecureWatch")
public class DrillReportView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    final H2 title = new H2("Drill report");
    final Paragraph summary = new Paragraph();
    final RunPanel run = new RunPanel();
    final H3 timelineTitle = new H3("Timeline");
    final UnorderedList timeline = new UnorderedList();
    final HorizontalLayout downloads = new HorizontalLayout();
    final Span message = new Span();
    private final ControlPlane controlPlane;

    @Inject
    public DrillReportView(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        message.getStyle().set("color", "var(--lumo-error-text-color)");
        add(new RouterLink("Back to drills", DrillsView.class), title, message, summary, downloads, run);
        timelineTitle.setVisible(false);
        add(timelineTitle, timeline);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String drill = event.getRouteParameters().get("drill").orElse("");
        String number = event.getRouteParameters().get("run").orElse("");
        if (!number.matches("[1-9][0-9]{0,17}")) {
            message.setText("run must be a positive whole number, such as 1; got '" + number + "'");
            return;
        }
        show(drill, Long.parseLong(number));
    }

    void show(String drill, long number) {
        message.setText("");
        Credentials credentials = SignedIn.require();
        DrillReport report;
        try {
            report = controlPlane.report(credentials, drill, number);
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
            return;
        }
        Drill definition = report.definition();
        title.setText("Drill report: " + drill + " run " + number);
        summary.setText(definition.type().wireName() + " of " + definition.target() + ", "
                + (report.run().dryRun() ? "dry run" : "live run") + " started by "
                + report.run().startedBy()
                + " at " + TIME.format(report.run().startedAt()) + " UTC; status "
                + report.run().status().wireName()
                + ". Report generated at " + TIME.format(report.generatedAt()) + " UTC.");
        run.show(drill, report.run());
        run.title.setText("Run " + number);
        run.links.removeAll();
        timeline.removeAll();
        timelineTitle.setVisible(true);
        report.timeline().forEach(entry -> timeline.add(new ListItem(TIME.format(entry.at()) + " " + entry.what())));
        downloads.removeAll();
        downloads.add(
                download(credentials, drill, number, "markdown", ".md", "Download Markdown"),
                download(credentials, drill, number, "html", ".html", "Download HTML"));
    }

    private Anchor download(
            Credentials credentials, String drill, long number, String format, String suffix, String label) {
        StreamResource resource = new StreamResource(
                "drill-" + drill + "-run-" + number + suffix,
                () -> new ByteArrayInputStream(controlPlane
                        .reportDocument(credentials, drill, number, format)
                        .getBytes(StandardCharsets.UTF_8)));
        resource.setContentType(format.equals("html") ? "text/html; charset=UTF-8" : "text/markdown; charset=UTF-8");
        Anchor anchor = new Anchor(resource, label);
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }
}
