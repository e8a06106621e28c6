package io.securewatch.console.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.api.v1.AuditEvent;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.Tenant;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Regions grouped by residency zone, with each cluster's agent connection, revision lag and heartbeat age; the
 * drill runs in progress and the latest audit events. It refreshes itself every few seconds through server push.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview | SecureWatch")
public class OverviewView extends VerticalLayout {

    static final Duration REFRESH = Duration.ofSeconds(5);
    static final int RECENT_EVENTS = 8;
    /** Date and time in UTC, such as {@code 2026-12-05 10:00:00}. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    final Span error = new Span();
    final VerticalLayout zones = new VerticalLayout();
    final UnorderedList runningDrills = new UnorderedList();
    final UnorderedList recentEvents = new UnorderedList();
    private final ControlPlane controlPlane;
    private final Clock clock;

    @Inject
    public OverviewView(ControlPlane controlPlane) {
        this(controlPlane, Clock.systemUTC());
    }

    OverviewView(ControlPlane controlPlane, Clock clock) {
        this.controlPlane = controlPlane;
        this.clock = clock;
        add(new H2("Overview"));
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        zones.setPadding(false);
        if (SignedIn.isTenantAdmin()) {
            add(error, zones, new H3("Latest changes"), recentEvents);
        } else {
            add(error, zones, new H3("Drills running"), runningDrills, new H3("Latest changes"), recentEvents);
        }
        refresh();
        LiveRefresh.every(REFRESH, this, this::refresh);
    }

    /** Reads everything again and redraws the view. */
    void refresh() {
        error.setVisible(false);
        Credentials credentials = SignedIn.require();
        if (SignedIn.isTenantAdmin()) {
            showTenant(credentials);
        } else {
            showZones(credentials);
            showRunningDrills(credentials);
        }
        showRecentEvents(credentials);
    }

    /** Shows a tenant admin its tenant and its services' health per region, in place of the platform's zones. */
    private void showTenant(Credentials credentials) {
        zones.removeAll();
        try {
            for (Tenant tenant : controlPlane.tenants(credentials, Map.of())) {
                zones.add(
                        new H3("Tenant " + tenant.slug()),
                        new Span(tenant.displayName() + ": " + tenant.status().wireName() + ", tier "
                                + tenant.tier().wireName() + ", regions " + String.join(", ", tenant.regions())
                                + " in residency zones " + String.join(", ", tenant.residencyZones()) + "."));
            }
            List<ServiceRow> services =
                    ServiceRow.merge(controlPlane.workloads(credentials), controlPlane.services(credentials));
            UnorderedList health = new UnorderedList();
            services.forEach(service -> health.add(new ListItem(service.name() + ": " + service.health())));
            if (services.isEmpty()) {
                health.add(new ListItem("No services yet."));
            }
            zones.add(new H3("Services"), health);
        } catch (ApiError failure) {
            showError(failure);
        }
    }

    private void showZones(Credentials credentials) {
        zones.removeAll();
        List<Region> regions;
        List<Cluster> clusters;
        try {
            regions = controlPlane.regions(credentials);
            clusters = controlPlane.clusters(credentials);
        } catch (ApiError failure) {
            showError(failure);
            return;
        }
        Map<String, ClusterStatus> statuses =
                ClusterHealth.readStatuses(controlPlane, credentials, clusters, this::showError);
        for (Overview.Zone zone : Overview.zones(regions, clusters, statuses, clock.instant())) {
            zones.add(new H3("Zone " + zone.zone()), new Span(zone.summary()), grid(zone));
        }
    }

    private void showRunningDrills(Credentials credentials) {
        runningDrills.removeAll();
        List<String> running = new ArrayList<>();
        try {
            for (Drill drill : controlPlane.drills(credentials)) {
                controlPlane.runs(credentials, drill.name(), 3).stream()
                        .filter(run -> run.status().isActive())
                        .forEach(run -> running.add(describe(run)));
            }
        } catch (ApiError failure) {
            // The API refuses drills to some roles, so the line shows its reason and the rest of the overview stays.
            running.add("Not shown: " + failure.getMessage());
        }
        if (running.isEmpty()) {
            running.add("No drill is running.");
        }
        running.forEach(line -> runningDrills.add(new ListItem(line)));
    }

    private void showRecentEvents(Credentials credentials) {
        recentEvents.removeAll();
        try {
            List<AuditEvent> events = controlPlane.auditEvents(credentials, Map.of(), RECENT_EVENTS);
            if (events.isEmpty()) {
                recentEvents.add(new ListItem("No changes recorded yet."));
            }
            events.forEach(event -> recentEvents.add(new ListItem(TIME.format(event.occurredAt()) + " " + event.actor()
                    + " " + event.action() + " " + event.objectKind() + " " + event.objectId())));
        } catch (ApiError failure) {
            recentEvents.add(new ListItem("Not shown: " + failure.getMessage()));
        }
    }

    private static String describe(DrillRun run) {
        String step = run.steps() == null
                ? ""
                : run.steps().stream()
                        .filter(candidate -> "running".equals(candidate.status()))
                        .map(candidate -> ", step " + candidate.name())
                        .findFirst()
                        .orElse("");
        return run.drill() + "/" + run.run() + ": " + run.status().wireName() + step + " (started by " + run.startedBy()
                + " at " + TIME.format(run.startedAt()) + " UTC)";
    }

    private static Grid<Overview.ClusterRow> grid(Overview.Zone zone) {
        Grid<Overview.ClusterRow> grid = ClusterHealth.grid(false);
        grid.setItems(zone.clusters());
        return grid;
    }

    private void showError(ApiError failure) {
        error.setText(failure.getMessage());
        error.setVisible(true);
    }
}
