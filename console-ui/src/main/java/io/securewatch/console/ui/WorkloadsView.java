package io.securewatch.console.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.api.v1.Workload;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadCapacity.RegionCapacity;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The workloads the user may see. A selected workload shows its capacity per region and whether the other regions
 * can carry its load when a region fails. Below it, the scaling policy editor previews the autoscaler of each
 * cluster before saving.
 */
@Route(value = "workloads", layout = MainLayout.class)
@PageTitle("Workloads | SecureWatch")
public class WorkloadsView extends VerticalLayout {

    final Grid<Workload> workloads = new Grid<>();
    final H3 capacityTitle = new H3();
    final Span capacitySummary = new Span();
    final Grid<RegionCapacity> regions = new Grid<>();
    final Span message = new Span();
    final ScalingEditor scaling;
    private final ControlPlane controlPlane;

    @Inject
    public WorkloadsView(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.scaling = new ScalingEditor(controlPlane);
        add(new H2("Workloads"));
        workloads.addColumn(Workload::name).setHeader("Workload");
        workloads
                .addColumn(workload -> workload.tenant() == null ? "platform" : workload.tenant())
                .setHeader("Tenant");
        workloads.addColumn(Workload::namespace).setHeader("Namespace");
        workloads.addColumn(workload -> String.join(", ", workload.regions())).setHeader("Regions");
        workloads.getColumns().forEach(column -> column.setAutoWidth(true));
        workloads.setAllRowsVisible(true);
        workloads.asSingleSelect().addValueChangeListener(event -> showCapacity(event.getValue()));

        regions.addColumn(RegionCapacity::region).setHeader("Region");
        regions.addColumn(region -> region.minReplicas() + " to " + region.maxReplicas())
                .setHeader("Replicas");
        regions.addColumn(region -> region.readyReplicas() + " of " + region.currentReplicas())
                .setHeader("Ready");
        regions.addColumn(region -> percent(region.cpuUtilizationPercent())).setHeader("CPU");
        regions.addColumn(RegionCapacity::loadReplicas).setHeader("Load (replicas)");
        regions.addColumn(WorkloadsView::ifRegionFails).setHeader("If this region fails");
        regions.getColumns().forEach(column -> column.setAutoWidth(true));
        regions.setAllRowsVisible(true);
        regions.setVisible(false);
        message.getStyle().set("color", "var(--lumo-error-text-color)");

        add(workloads, message, capacityTitle, capacitySummary, regions, scaling);
        try {
            workloads.setItems(controlPlane.workloads(SignedIn.require()));
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    private void showCapacity(Workload workload) {
        message.setText("");
        if (workload == null) {
            capacityTitle.setText("");
            capacitySummary.setText("");
            regions.setVisible(false);
            scaling.setVisible(false);
            return;
        }
        scaling.edit(workload.name(), workload.regions());
        try {
            WorkloadCapacity capacity = controlPlane.capacity(SignedIn.require(), workload.name());
            capacityTitle.setText("Capacity of " + workload.name());
            capacitySummary.setText(summary(capacity));
            regions.setItems(capacity.regions() == null ? List.of() : capacity.regions());
            regions.setVisible(true);
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    /** Returns one sentence on the workload's load and policy. */
    static String summary(WorkloadCapacity capacity) {
        return "Load of " + capacity.totalLoadReplicas() + " replicas at the CPU target of "
                + (capacity.targetCpuUtilization() == null ? "none" : capacity.targetCpuUtilization() + " %")
                + (capacity.scalingPolicy() ? ", with a scaling policy" : ", with fixed replicas")
                + "; failover headroom " + capacity.failoverHeadroomPercent() + " %.";
    }

    /** Returns whether the other regions carry the load when this one fails, with the shortfall if not. */
    static String ifRegionFails(RegionCapacity region) {
        WorkloadCapacity.FailureImpact impact = region.ifRegionFails();
        if (impact == null) {
            return "";
        }
        return impact.holds()
                ? "others carry it (" + impact.requiredReplicas() + " needed, " + impact.survivorMaxReplicas()
                        + " allowed)"
                : "short by " + impact.shortfallReplicas()
                        + (impact.shortfallReplicas() == 1 ? " replica" : " replicas") + " ("
                        + impact.requiredReplicas() + " needed, " + impact.survivorMaxReplicas() + " allowed)";
    }

    private static String percent(Double value) {
        return value == null ? "unknown" : Math.round(value) + " %";
    }
}
