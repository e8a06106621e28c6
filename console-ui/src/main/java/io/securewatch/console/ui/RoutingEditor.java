package io.securewatch.console.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.securewatch.api.v1.RenderedRouting;
import io.securewatch.api.v1.RoutingPolicy;
import io.securewatch.api.v1.RoutingPolicyRequest;
import io.securewatch.api.v1.RoutingPolicyRequest.OutlierDetection;
import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import io.securewatch.console.api.ControlPlane;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Edits one service's routing policy: strategy, a weight per region or a failover order, outlier detection and
 * timeouts. Preview renders the draft as each region's Consul and HAProxy would receive it, through the API, which
 * checks it exactly as it checks a saved policy; Save stores it, based on the version it was loaded at. Retries and
 * connection limits, which this form does not show, are kept as they are.
 */
class RoutingEditor extends PolicyEditor {

    private static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5000;
    private static final int DEFAULT_REQUEST_TIMEOUT_MILLIS = 15000;

    final H3 title = new H3();
    final Select<Strategy> strategy = new Select<>();
    final Map<String, IntegerField> weights = new TreeMap<>();
    final FormLayout weightFields = new FormLayout();
    final TextField failoverOrder = new TextField("Failover order");
    final Checkbox outlier = new Checkbox("Eject failing instances (outlier detection)");
    final IntegerField consecutive5xx = new IntegerField("Consecutive 5xx before ejection");
    final IntegerField interval = new IntegerField("Check interval (s)");
    final IntegerField baseEjection = new IntegerField("Base ejection time (s)");
    final IntegerField maxEjection = new IntegerField("Maximum ejected (%)");
    final IntegerField connectTimeout = new IntegerField("Connect timeout (ms)");
    final IntegerField requestTimeout = new IntegerField("Request timeout (ms)");
    final Button preview = new Button("Preview", click -> preview());
    final Button save = new Button("Save", click -> save());
    final VerticalLayout rendered = new VerticalLayout();

    private final ControlPlane controlPlane;
    private String service;
    private RoutingPolicy loaded;

    RoutingEditor(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        strategy.setLabel("Strategy");
        strategy.setWidth("34em");
        strategy.setItems(Strategy.values());
        strategy.setItemLabelGenerator(value -> switch (value) {
            case WEIGHTED -> "weighted: split traffic over regions by weight";
            case LOCALITY_FIRST -> "locality-first: each region serves its own, then fails over in order";
        });
        strategy.addValueChangeListener(change -> showStrategyFields());
        failoverOrder.setHelperText("Regions to fail over to, in order, separated by commas or spaces");
        failoverOrder.setWidthFull();
        consecutive5xx.setMin(1);
        consecutive5xx.setMax(1000);
        interval.setMin(1);
        interval.setMax(3600);
        baseEjection.setMin(1);
        baseEjection.setMax(3600);
        maxEjection.setMin(0);
        maxEjection.setMax(100);
        connectTimeout.setMin(1);
        connectTimeout.setMax(60_000);
        requestTimeout.setMin(1);
        requestTimeout.setMax(600_000);
        fields().forEach(field -> field.setManualValidation(true));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(SignedIn.mayEditPolicies());
        rendered.setPadding(false);

        FormLayout outlierFields = new FormLayout(consecutive5xx, interval, baseEjection, maxEjection);
        FormLayout timeouts = new FormLayout(connectTimeout, requestTimeout);
        add(
                title,
                strategy,
                weightFields,
                failoverOrder,
                outlier,
                outlierFields,
                timeouts,
                new HorizontalLayout(preview, save),
                notice,
                message,
                rendered);
        outlier.addValueChangeListener(change -> outlierFields.setVisible(change.getValue()));
        outlierFields.setVisible(false);
        setVisible(false);
    }

    /** Loads a service's policy, or a weighted draft with equal weights when it has none. */
    void edit(String service, List<String> regions) {
        this.service = service;
        notice.setText("");
        rendered.removeAll();
        weights.clear();
        weightFields.removeAll();
        for (String region : regions) {
            IntegerField weight = new IntegerField("Weight of " + region);
            weight.setMin(0);
            weight.setMax(1000);
            weight.setManualValidation(true);
            weights.put(region, weight);
            weightFields.add(weight);
        }
        setVisible(true);
        attempt(() -> {
            Optional<RoutingPolicy> found = controlPlane.routingPolicy(SignedIn.require(), service);
            loaded = found.orElse(null);
            title.setText(
                    "Routing of " + service + (loaded == null ? " (no policy yet)" : ", version " + loaded.version()));
            fill(found);
        });
    }

    /** Renders the draft through the API and shows it per region. */
    void preview() {
        attempt(() -> show(controlPlane.previewRouting(SignedIn.require(), service, request())));
    }

    /** Stores the draft, then shows it rendered as the regions now receive it. */
    void save() {
        notice.setText("");
        RoutingPolicyRequest request = request();
        attempt(() -> {
            loaded = controlPlane.putRoutingPolicy(
                    SignedIn.require(), service, request, loaded == null ? null : loaded.version());
            title.setText("Routing of " + service + ", version " + loaded.version());
            notice.setText("Saved; the regions' agents receive the change with their next bundle.");
            show(controlPlane.previewRouting(SignedIn.require(), service, request));
        });
    }

    /** Returns the request the form describes. */
    RoutingPolicyRequest request() {
        Strategy chosen = strategy.getValue() == null ? Strategy.WEIGHTED : strategy.getValue();
        Map<String, Integer> chosenWeights = null;
        List<String> order = null;
        if (chosen == Strategy.WEIGHTED) {
            chosenWeights = new LinkedHashMap<>();
            for (Map.Entry<String, IntegerField> weight : weights.entrySet()) {
                chosenWeights.put(
                        weight.getKey(),
                        weight.getValue().getValue() == null
                                ? 0
                                : weight.getValue().getValue());
            }
        } else {
            order = Arrays.stream(failoverOrder.getValue().split("[,\\s]+"))
                    .map(String::strip)
                    .filter(region -> !region.isEmpty())
                    .toList();
        }
        OutlierDetection detection = outlier.getValue()
                ? new OutlierDetection(
                        consecutive5xx.getValue(), interval.getValue(), baseEjection.getValue(), maxEjection.getValue())
                : null;
        return new RoutingPolicyRequest(
                chosen,
                chosenWeights,
                order == null || order.isEmpty() ? null : order,
                detection,
                connectTimeout.getValue(),
                requestTimeout.getValue(),
                loaded == null ? null : loaded.retries(),
                loaded == null ? null : loaded.limits());
    }

    private void fill(Optional<RoutingPolicy> found) {
        RoutingPolicy policy = found.orElse(null);
        strategy.setValue(policy == null ? Strategy.WEIGHTED : policy.strategy());
        weights.forEach((region, field) -> field.setValue(
                policy == null
                        ? 1
                        : policy.weights() == null ? 0 : policy.weights().getOrDefault(region, 0)));
        failoverOrder.setValue(
                policy == null || policy.failoverOrder() == null ? "" : String.join(", ", policy.failoverOrder()));
        OutlierDetection detection = policy == null ? null : policy.outlierDetection();
        outlier.setValue(detection != null);
        consecutive5xx.setValue(detection == null ? 5 : detection.consecutive5xx());
        interval.setValue(detection == null ? 10 : detection.intervalSeconds());
        baseEjection.setValue(detection == null ? 30 : detection.baseEjectionSeconds());
        maxEjection.setValue(detection == null ? 50 : detection.maxEjectionPercent());
        connectTimeout.setValue(policy == null ? DEFAULT_CONNECT_TIMEOUT_MILLIS : policy.connectTimeoutMillis());
        requestTimeout.setValue(policy == null ? DEFAULT_REQUEST_TIMEOUT_MILLIS : policy.requestTimeoutMillis());
        showStrategyFields();
    }

    private void showStrategyFields() {
        boolean weighted = strategy.getValue() != Strategy.LOCALITY_FIRST;
        weightFields.setVisible(weighted);
        failoverOrder.setVisible(!weighted);
    }

    private void show(RenderedRouting routing) {
        rendered.removeAll();
        rendered.add(new H4("Preview: what each region receives"));
        new TreeMap<>(routing.consul()).forEach((region, entries) -> {
            Details consul = new Details("Consul config entries in " + region, new Pre(PrettyJson.of(entries)));
            consul.setOpened(true);
            rendered.add(consul);
        });
        new TreeMap<>(routing.haproxy()).forEach((region, backend) -> {
            String text = backend.config() + "\n# Runtime API\n" + String.join("\n", backend.runtimeCommands());
            Details haproxy = new Details("HAProxy backend " + backend.backend() + " in " + region, new Pre(text));
            haproxy.setOpened(true);
            rendered.add(haproxy);
        });
    }

    /** Returns the form field an API field path such as {@code weights[eu-west-1]} refers to, or null. */
    @Override
    HasValidation fieldOf(String path) {
        if (path.startsWith("weights[")) {
            return weights.get(path.substring("weights[".length(), path.length() - 1));
        }
        return switch (path.replaceAll("\\[.*$", "")) {
            case "weights" ->
                weights.isEmpty() ? null : weights.values().iterator().next();
            case "failoverOrder" -> failoverOrder;
            case "strategy" -> strategy;
            case "outlierDetection.consecutive5xx" -> consecutive5xx;
            case "outlierDetection.intervalSeconds" -> interval;
            case "outlierDetection.baseEjectionSeconds" -> baseEjection;
            case "outlierDetection.maxEjectionPercent" -> maxEjection;
            case "connectTimeoutMillis" -> connectTimeout;
            case "requestTimeoutMillis" -> requestTimeout;
            default -> null;
        };
    }

    @Override
    void clearPreview() {
        rendered.removeAll();
    }

    @Override
    List<HasValidation> fields() {
        List<HasValidation> all = new java.util.ArrayList<>();
        all.add(strategy);
        all.add(failoverOrder);
        all.add(consecutive5xx);
        all.add(interval);
        all.add(baseEjection);
        all.add(maxEjection);
        all.add(connectTimeout);
        all.add(requestTimeout);
        all.addAll(weights.values());
        return all;
    }
}
