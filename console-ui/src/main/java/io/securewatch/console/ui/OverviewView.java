package io.securewatch.console.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.Region;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Regions grouped by residency zone, with each cluster's agent connection, revision lag and heartbeat age. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview | SecureWatch")
public class OverviewView extends VerticalLayout {

    final Span error = new Span();

    @Inject
    public OverviewView(ControlPlane controlPlane) {
        this(controlPlane, Clock.systemUTC());
    }

    OverviewView(ControlPlane controlPlane, Clock clock) {
        add(new H2("Overview"));
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        add(error);
        Credentials credentials = SignedIn.require();
        List<Region> regions;
        List<Cluster> clusters;
        try {
            regions = controlPlane.regions(credentials);
            clusters = controlPlane.clusters(credentials);
        } catch (ApiError failure) {
            showError(failure);
            return;
        }
        Map<String, ClusterStatus> statuses = new HashMap<>();
        for (Cluster cluster : clusters) {
            try {
                statuses.put(cluster.name(), controlPlane.clusterStatus(credentials, cluster.name()));
            } catch (ApiError failure) {
                showError(failure);
            }
        }
        for (Overview.Zone zone : Overview.zones(regions, clusters, statuses, clock.instant())) {
            add(new H3("Zone " + zone.zone()), new Span(zone.summary()), grid(zone));
        }
    }

    private static Grid<Overview.ClusterRow> grid(Overview.Zone zone) {
        Grid<Overview.ClusterRow> grid = new Grid<>();
        grid.addColumn(Overview.ClusterRow::region).setHeader("Region");
        grid.addColumn(Overview.ClusterRow::cluster).setHeader("Cluster");
        grid.addColumn(row -> row.connected() ? "connected" : "disconnected").setHeader("Agent");
        grid.addColumn(row -> row.revisionLag() == null ? "unknown" : row.revisionLag() + " behind")
                .setHeader("Revisions");
        grid.addColumn(Overview.ClusterRow::heartbeat).setHeader("Last heartbeat");
        grid.addColumn(Overview.ClusterRow::drift).setHeader("Drifted objects");
        grid.setItems(zone.clusters());
        grid.getColumns().forEach(column -> column.setAutoWidth(true));
        grid.setAllRowsVisible(true);
        return grid;
    }

    private void showError(ApiError failure) {
        error.setText(failure.getMessage());
        error.setVisible(true);
    }
}
