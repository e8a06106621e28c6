package io.securewatch.console.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.ScalingPolicy;
import io.securewatch.api.v1.ScalingPolicyRequest;
import io.securewatch.api.v1.ScalingPreview;
import io.securewatch.api.v1.ScalingPreview.ClusterShare;
import io.securewatch.console.api.ControlPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Edits one workload's scaling policy: global replica bounds, utilization targets, failover headroom and optional
 * bounds pinned per region. Preview splits the draft over the workload's clusters through the API and shows each
 * cluster's bounds and the HorizontalPodAutoscaler its agent would apply; Save stores it, based on the version it
 * was loaded at. The scaling behavior, which this form does not show, is kept as it is.
 */
class ScalingEditor extends PolicyEditor {

    final H3 title = new H3();
    final IntegerField minReplicas = new IntegerField("Minimum replicas, all regions");
    final IntegerField maxReplicas = new IntegerField("Maximum replicas, all regions");
    final IntegerField targetCpu = new IntegerField("CPU target (% of requests)");
    final IntegerField targetMemory = new IntegerField("Memory target (% of requests)");
    final IntegerField headroom = new IntegerField("Failover headroom (%)");
    final Map<String, IntegerField> pinnedMin = new TreeMap<>();
    final Map<String, IntegerField> pinnedMax = new TreeMap<>();
    final FormLayout pins = new FormLayout();
    final Button preview = new Button("Preview autoscalers", click -> preview());
    final Button save = new Button("Save scaling policy", click -> save());
    final Grid<ClusterShare> clusters = new Grid<>();
    final VerticalLayout autoscalers = new VerticalLayout();

    private final ControlPlane controlPlane;
    private String workload;
    private ScalingPolicy loaded;

    ScalingEditor(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        for (IntegerField bound : List.of(minReplicas, maxReplicas)) {
            bound.setMin(1);
            bound.setMax(ScalingPolicyRequest.MAX_REPLICAS);
        }
        for (IntegerField percent : List.of(targetCpu, targetMemory)) {
            percent.setMin(1);
            percent.setMax(100);
        }
        targetMemory.setHelperText("Optional; one target at least");
        headroom.setMin(0);
        headroom.setMax(100);
        headroom.setHelperText("Margin on the load that the other regions absorb when one fails");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(SignedIn.mayEditPolicies());
        clusters.addColumn(ClusterShare::cluster).setHeader("Cluster");
        clusters.addColumn(ClusterShare::region).setHeader("Region");
        clusters.addColumn(share -> share.minReplicas() + " to " + share.maxReplicas())
                .setHeader("Replicas");
        clusters.addColumn(ScalingEditor::autoscaler).setHeader("Autoscaler");
        clusters.getColumns().forEach(column -> column.setAutoWidth(true));
        clusters.setAllRowsVisible(true);
        clusters.setVisible(false);
        autoscalers.setPadding(false);
        add(
                title,
                new FormLayout(minReplicas, maxReplicas, targetCpu, targetMemory, headroom),
                new Span("Pinned bounds per region: leave both empty for a region that shares the global bounds."),
                pins,
                new HorizontalLayout(preview, save),
                notice,
                message,
                clusters,
                autoscalers);
        setVisible(false);
    }

    /** Loads a workload's policy, or an empty draft when it has none. */
    void edit(String workload, List<String> regions) {
        this.workload = workload;
        notice.setText("");
        clusters.setVisible(false);
        autoscalers.removeAll();
        pins.removeAll();
        pinnedMin.clear();
        pinnedMax.clear();
        for (String region : regions) {
            IntegerField min = new IntegerField("Minimum in " + region);
            IntegerField max = new IntegerField("Maximum in " + region);
            min.setMin(0);
            max.setMin(0);
            pinnedMin.put(region, min);
            pinnedMax.put(region, max);
            pins.add(min, max);
        }
        fields().forEach(field -> field.setManualValidation(true));
        setVisible(true);
        attempt(() -> {
            Optional<ScalingPolicy> found = controlPlane.scalingPolicy(SignedIn.require(), workload);
            loaded = found.orElse(null);
            title.setText(
                    "Scaling of " + workload + (loaded == null ? " (no policy yet)" : ", version " + loaded.version()));
            fill();
        });
    }

    /** Splits the draft over the clusters through the API and shows the result. */
    void preview() {
        attempt(() -> show(controlPlane.previewScaling(SignedIn.require(), workload, request())));
    }

    /** Stores the draft, then shows how it splits over the clusters. */
    void save() {
        notice.setText("");
        ScalingPolicyRequest request = request();
        attempt(() -> {
            loaded = controlPlane.putScalingPolicy(
                    SignedIn.require(), workload, request, loaded == null ? null : loaded.version());
            title.setText("Scaling of " + workload + ", version " + loaded.version());
            notice.setText("Saved; each cluster's agent applies its autoscaler with its next bundle.");
            show(controlPlane.previewScaling(SignedIn.require(), workload, request));
        });
    }

    /** Returns the request the form describes. */
    ScalingPolicyRequest request() {
        Map<String, ReplicaBounds> overrides = new TreeMap<>();
        pinnedMin.forEach((region, min) -> {
            Integer max = pinnedMax.get(region).getValue();
            if (min.getValue() != null || max != null) {
                overrides.put(region, new ReplicaBounds(min.getValue(), max));
            }
        });
        return new ScalingPolicyRequest(
                minReplicas.getValue(),
                maxReplicas.getValue(),
                targetCpu.getValue(),
                targetMemory.getValue(),
                loaded == null ? null : loaded.behavior(),
                headroom.getValue(),
                overrides.isEmpty() ? null : overrides);
    }

    private void fill() {
        minReplicas.setValue(loaded == null ? null : loaded.minReplicas());
        maxReplicas.setValue(loaded == null ? null : loaded.maxReplicas());
        targetCpu.setValue(loaded == null ? 70 : loaded.targetCpuUtilization());
        targetMemory.setValue(loaded == null ? null : loaded.targetMemoryUtilization());
        headroom.setValue(loaded == null ? 0 : loaded.failoverHeadroomPercent());
        Map<String, ReplicaBounds> overrides =
                loaded == null || loaded.regionOverrides() == null ? Map.of() : loaded.regionOverrides();
        pinnedMin.forEach((region, field) -> field.setValue(
                overrides.containsKey(region) ? overrides.get(region).minReplicas() : null));
        pinnedMax.forEach((region, field) -> field.setValue(
                overrides.containsKey(region) ? overrides.get(region).maxReplicas() : null));
    }

    private void show(ScalingPreview result) {
        clusters.setItems(result.clusters());
        clusters.setVisible(true);
        autoscalers.removeAll();
        autoscalers.add(new H4("Autoscalers the agents would apply"));
        for (ClusterShare share : result.clusters()) {
            if (share.horizontalPodAutoscaler() != null) {
                Details details = new Details(
                        "HorizontalPodAutoscaler in " + share.cluster(),
                        new Pre(PrettyJson.of(share.horizontalPodAutoscaler())));
                autoscalers.add(details);
            }
        }
    }

    /** Returns the form field an API field path such as {@code regionOverrides[eu-west-1].maxReplicas} refers to. */
    @Override
    HasValidation fieldOf(String path) {
        if (path.startsWith("regionOverrides[")) {
            int end = path.indexOf(']');
            String region = path.substring("regionOverrides[".length(), end);
            return path.endsWith(".maxReplicas") ? pinnedMax.get(region) : pinnedMin.get(region);
        }
        return switch (path) {
            case "minReplicas" -> minReplicas;
            case "maxReplicas" -> maxReplicas;
            case "targetCpuUtilization" -> targetCpu;
            case "targetMemoryUtilization" -> targetMemory;
            case "failoverHeadroomPercent" -> headroom;
            default -> null;
        };
    }

    @Override
    void clearPreview() {
        clusters.setVisible(false);
        autoscalers.removeAll();
    }

    @Override
    List<IntegerField> fields() {
        List<IntegerField> all = new ArrayList<>(List.of(minReplicas, maxReplicas, targetCpu, targetMemory, headroom));
        all.addAll(pinnedMin.values());
        all.addAll(pinnedMax.values());
        return all;
    }

    /** Returns the autoscaler's bounds and targets in a few words, or why the cluster has none. */
    static String autoscaler(ClusterShare share) {
        Map<String, Object> hpa = share.horizontalPodAutoscaler();
        if (hpa == null) {
            return share.note() == null ? "none" : share.note();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) hpa.get("spec");
        return "HPA " + spec.get("minReplicas") + " to " + spec.get("maxReplicas") + " replicas";
    }
}
