package io.securewatch.console.ui;

import com.vaadin.flow.component.grid.Grid;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the clusters' statuses and shows their health in a grid, for the overview and the clusters view. */
final class ClusterHealth {

    private ClusterHealth() {}

    /**
     * Reads each cluster's status. When one cannot be read, its error goes to the handler, the cluster is left out
     * of the result so that it shows as unknown, and the remaining clusters are still read.
     *
     * @return the statuses by cluster name
     */
    static Map<String, ClusterStatus> readStatuses(
            ControlPlane controlPlane, Credentials credentials, List<Cluster> clusters, Consumer<ApiError> onFailure) {
        // NOTE: one request per cluster on every refresh, because the API has no call that lists the statuses.
        Map<String, ClusterStatus> statuses = new HashMap<>();
        for (Cluster cluster : clusters) {
            try {
                statuses.put(cluster.name(), controlPlane.clusterStatus(credentials, cluster.name()));
            } catch (ApiError failure) {
                onFailure.accept(failure);
            }
        }
        return statuses;
    }

    /**
     * Creates an empty grid with a column each for region, cluster, agent connection, revision lag, last heartbeat
     * and drifted objects.
     *
     * @param withRevisionNumbers whether to add the desired and the applied revision before the lag
     */
    static Grid<Overview.ClusterRow> grid(boolean withRevisionNumbers) {
        Grid<Overview.ClusterRow> grid = new Grid<>();
        grid.addColumn(Overview.ClusterRow::region).setHeader("Region");
        grid.addColumn(Overview.ClusterRow::cluster).setHeader("Cluster");
        grid.addColumn(row -> row.connected() ? "connected" : "disconnected").setHeader("Agent");
        if (withRevisionNumbers) {
            grid.addColumn(row -> orUnknown(row.desiredRevision())).setHeader("Desired revision");
            grid.addColumn(row -> orUnknown(row.appliedRevision())).setHeader("Applied revision");
        }
        grid.addColumn(ClusterHealth::lag).setHeader("Revision lag");
        grid.addColumn(Overview.ClusterRow::heartbeat).setHeader("Last heartbeat");
        grid.addColumn(Overview.ClusterRow::drift).setHeader("Drifted objects");
        grid.getColumns().forEach(column -> column.setAutoWidth(true));
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** Returns the lag, or for an agent that is ahead the revision it applied and what it waits for. */
    static String lag(Overview.ClusterRow row) {
        if (row.agentRevision() != null) {
            return "ahead at revision " + row.agentRevision() + "; confirm the rollback";
        }
        return row.revisionLag() == null ? "unknown" : row.revisionLag() + " behind";
    }

    private static String orUnknown(Long revision) {
        return revision == null ? "unknown" : revision.toString();
    }
}
