package io.securewatch.console.ui;

import com.vaadin.flow.component.button.Button;
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
import io.securewatch.api.v1.RegistrationToken;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Regions with their residency zone, Consul datacenter and status, and clusters with their agent connection,
 * desired and applied revision, revision lag, drift and heartbeat age. It refreshes itself every few seconds through
 * server push. A registration token for the selected cluster is created here and shown once.
 */
@Route(value = "clusters", layout = MainLayout.class)
@PageTitle("Regions and clusters | SecureWatch")
public class ClustersView extends VerticalLayout {

    final Span error = new Span();
    final Grid<Region> regions = new Grid<>();
    final Grid<Overview.ClusterRow> clusters = ClusterHealth.grid(true);
    final Button createToken = new Button("Create registration token", click -> createToken());
    final Span tokenError = new Span();
    RegistrationTokenDialog tokenDialog;
    private final ControlPlane controlPlane;
    private final Clock clock;

    @Inject
    public ClustersView(ControlPlane controlPlane) {
        this(controlPlane, Clock.systemUTC());
    }

    ClustersView(ControlPlane controlPlane, Clock clock) {
        this.controlPlane = controlPlane;
        this.clock = clock;
        add(new H2("Regions and clusters"));
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        tokenError.getStyle().set("color", "var(--lumo-error-text-color)");

        regions.addColumn(Region::name).setHeader("Region");
        regions.addColumn(Region::displayName).setHeader("Display name");
        regions.addColumn(Region::residencyZone).setHeader("Residency zone");
        regions.addColumn(Region::consulDatacenter).setHeader("Consul datacenter");
        regions.addColumn(region -> region.status().wireName()).setHeader("Status");
        regions.getColumns().forEach(column -> column.setAutoWidth(true));
        regions.setAllRowsVisible(true);

        createToken.setEnabled(false);
        createToken.setVisible(SignedIn.mayOperate());
        clusters.addSelectionListener(selection -> {
            createToken.setEnabled(selection.getFirstSelectedItem().isPresent());
            // Only the user's own selection clears the token message, because every refresh selects the cluster again
            if (selection.isFromClient()) {
                tokenError.setText("");
            }
        });

        add(
                new Button("Refresh", click -> refresh()),
                error,
                new H3("Regions"),
                regions,
                new H3("Clusters"),
                createToken,
                tokenError,
                clusters);
        refresh();
        LiveRefresh.every(OverviewView.REFRESH, this, this::refresh);
    }

    /** Reads the regions, clusters and their statuses again, keeping the selected cluster selected. */
    void refresh() {
        error.setVisible(false);
        Credentials credentials = SignedIn.require();
        showRegions(credentials);
        showClusters(credentials);
    }

    private void showRegions(Credentials credentials) {
        try {
            regions.setItems(controlPlane.regions(credentials).stream()
                    .sorted(Comparator.comparing(Region::name))
                    .toList());
        } catch (ApiError failure) {
            showError(failure);
            regions.setItems(List.of());
        }
    }

    private void showClusters(Credentials credentials) {
        String selected = selectedCluster();
        List<Overview.ClusterRow> rows;
        try {
            List<Cluster> listed = controlPlane.clusters(credentials);
            Map<String, ClusterStatus> statuses =
                    ClusterHealth.readStatuses(controlPlane, credentials, listed, this::showError);
            rows = Overview.clusters(listed, statuses, clock.instant());
        } catch (ApiError failure) {
            showError(failure);
            rows = List.of();
        }
        clusters.setItems(rows);
        // The rows are new objects on every refresh, so the selection is carried over by cluster name
        rows.stream()
                .filter(row -> row.cluster().equals(selected))
                .findFirst()
                .ifPresentOrElse(clusters::select, clusters::deselectAll);
    }

    /**
     * Creates a registration token for the selected cluster and shows it in a dialog. The token is neither logged
     * nor kept in a field of this view.
     */
    void createToken() {
        String cluster = selectedCluster();
        if (cluster == null) {
            return;
        }
        tokenError.setText("");
        try {
            RegistrationToken created = controlPlane.createRegistrationToken(SignedIn.require(), cluster);
            tokenDialog = new RegistrationTokenDialog(created);
            tokenDialog.open();
        } catch (ApiError failure) {
            tokenError.setText(failure.getMessage());
        }
    }

    private String selectedCluster() {
        Overview.ClusterRow row = clusters.asSingleSelect().getValue();
        return row == null ? null : row.cluster();
    }

    private void showError(ApiError failure) {
        error.setText(failure.getMessage());
        error.setVisible(true);
    }
}
