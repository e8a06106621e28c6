package io.securewatch.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.api.v1.Tenant;
import io.securewatch.api.v1.TenantEnvironments.RegionEnvironment;
import io.securewatch.api.v1.TenantProvisioning;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The tenants the signed-in user may see, filtered by tier, status and residency zone. For a tenant admin the list
 * contains only its own tenant, because the API returns no other.
 */
@Route(value = "tenants", layout = MainLayout.class)
@PageTitle("Tenants | SecureWatch")
public class TenantsView extends VerticalLayout {

    static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(5);

    /** Format of times in the steps grid, such as {@code 12:01:18 UTC}. */
    static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    final ComboBox<String> tier = new ComboBox<>("Tier", List.of("shared", "dedicated"));
    final ComboBox<String> status = new ComboBox<>("Status", List.of("provisioning", "ready", "suspended", "deleting"));
    final TextField zone = new TextField("Residency zone");
    final Grid<Tenant> tenants = new Grid<>();
    final Span message = new Span();
    final Span notice = new Span();
    final H3 environmentsTitle = new H3();
    final Grid<RegionEnvironment> environments = new Grid<>();
    final H3 stepsTitle = new H3();
    final Grid<TenantProvisioning.Step> steps = new Grid<>();
    final Button create = new Button("New tenant", click -> openWizard());
    final Button suspend = new Button("Suspend", click -> confirmSuspend());
    final Button resume = new Button("Resume", click -> resumeSelected());
    final Button delete = new Button("Delete", click -> confirmDelete());
    TenantWizard wizard;
    private final ControlPlane controlPlane;

    @Inject
    public TenantsView(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        add(new H2("Tenants"));
        tier.setClearButtonVisible(true);
        status.setClearButtonVisible(true);
        zone.setClearButtonVisible(true);
        zone.setPlaceholder("EU");
        Button apply = new Button("Filter", click -> load());
        HorizontalLayout filters = new HorizontalLayout(tier, status, zone, apply);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(create, suspend, resume, delete);
        // Offers only what the API allows the user: platform admins create and delete, operators suspend and resume.
        create.setVisible(SignedIn.hasAnyRole("platform-admin"));
        delete.setVisible(SignedIn.hasAnyRole("platform-admin"));
        suspend.setVisible(SignedIn.mayOperate());
        resume.setVisible(SignedIn.mayOperate());
        actions.setVisible(SignedIn.mayOperate());
        tenants.addSelectionListener(selection -> {
            enableActions();
            showEnvironments();
        });
        environments.addColumn(RegionEnvironment::region).setHeader("Region");
        environments.addColumn(RegionEnvironment::state).setHeader("Environment");
        environments
                .addColumn(region -> region.applied() + " of " + region.clusters())
                .setHeader("Clusters up to date");
        environments.addColumn(TenantsView::clusterDetails).setHeader("Clusters");
        environments.getColumns().forEach(column -> column.setAutoWidth(true));
        environments.setAllRowsVisible(true);
        environments.setVisible(false);
        steps.addColumn(TenantProvisioning.Step::name).setHeader("Step");
        steps.addColumn(TenantProvisioning.Step::state).setHeader("State");
        steps.addColumn(TenantProvisioning.Step::failures).setHeader("Failures");
        steps.addColumn(TenantsView::stepDetails).setHeader("Details");
        steps.addColumn(step -> step.nextAttemptAt() == null ? "" : TIME.format(step.nextAttemptAt()))
                .setHeader("Next attempt");
        steps.getColumns().forEach(column -> column.setAutoWidth(true));
        steps.setAllRowsVisible(true);
        steps.setVisible(false);
        stepsTitle.setVisible(false);

        tenants.addColumn(Tenant::slug).setHeader("Tenant");
        tenants.addColumn(Tenant::displayName).setHeader("Name");
        tenants.addColumn(tenant -> tenant.tier().name().toLowerCase(java.util.Locale.ROOT))
                .setHeader("Tier");
        tenants.addColumn(tenant -> String.join(", ", tenant.residencyZones())).setHeader("Residency zones");
        tenants.addColumn(tenant -> String.join(", ", tenant.regions())).setHeader("Regions");
        tenants.addColumn(tenant -> tenant.status().name().toLowerCase(java.util.Locale.ROOT))
                .setHeader("Status");
        tenants.getColumns().forEach(column -> column.setAutoWidth(true));
        tenants.setAllRowsVisible(true);
        message.getStyle().set("color", "var(--lumo-error-text-color)");

        add(filters, actions, notice, message, tenants, stepsTitle, steps, environmentsTitle, environments);
        LiveRefresh.every(REFRESH, this, this::refresh);
        load();
    }

    /** Opens the create wizard on the regions the user may see. */
    void openWizard() {
        try {
            wizard = new TenantWizard(controlPlane, controlPlane.regions(SignedIn.require()), tenant -> {
                load();
                notice.setText("Tenant " + tenant.slug() + " created: "
                        + tenant.status().wireName());
            });
            wizard.open();
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    /**
     * Shows the steps of the selected tenant's latest operation and its environment per region, or hides both when
     * no tenant is selected.
     */
    void showEnvironments() {
        Tenant selected = tenants.asSingleSelect().getValue();
        environments.setVisible(selected != null);
        environmentsTitle.setVisible(selected != null);
        steps.setVisible(selected != null);
        stepsTitle.setVisible(selected != null);
        if (selected == null) {
            return;
        }
        environmentsTitle.setText("Environments of " + selected.slug());
        try {
            TenantProvisioning provisioning = controlPlane.provisioning(SignedIn.require(), selected.slug());
            stepsTitle.setText(
                    provisioning.operation() == null
                            ? "Steps of " + selected.slug()
                            : "Steps of " + selected.slug() + ": " + provisioning.operation()
                                    + (provisioning.done() ? ", done" : ", in progress"));
            steps.setItems(provisioning.steps());
            environments.setItems(controlPlane
                    .environments(SignedIn.require(), selected.slug())
                    .regions());
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    /** Returns what a step did or waits for, with the error of its latest failed attempt. */
    static String stepDetails(TenantProvisioning.Step step) {
        String message = step.message() == null ? "" : step.message();
        if (step.lastError() == null) {
            return message;
        }
        return message.isEmpty() ? "Error: " + step.lastError() : message + ". Error: " + step.lastError();
    }

    /** Returns each cluster's state in a few words, with the agent's errors when it rejected the revision. */
    static String clusterDetails(RegionEnvironment region) {
        if (region.clusterStates() == null || region.clusterStates().isEmpty()) {
            return "no clusters in this region";
        }
        return String.join(
                "; ",
                region.clusterStates().stream()
                        .map(cluster -> cluster.cluster() + " " + cluster.state()
                                + (cluster.driftedObjects() > 0 ? " (" + cluster.driftedObjects() + " drifted)" : "")
                                + (cluster.errors() == null || cluster.errors().isEmpty()
                                        ? ""
                                        : ": " + String.join(", ", cluster.errors())))
                        .toList());
    }

    /** Selects the tenant again after a reload, when it is still listed, so that its next action is one click. */
    private void reselect(String slug) {
        tenants.getListDataView()
                .getItems()
                .filter(tenant -> tenant.slug().equals(slug))
                .findFirst()
                .ifPresent(tenants::select);
    }

    private void enableActions() {
        Tenant selected = tenants.asSingleSelect().getValue();
        suspend.setEnabled(selected != null && selected.status() == TenantStatus.READY);
        resume.setEnabled(selected != null && selected.status() == TenantStatus.SUSPENDED);
        delete.setEnabled(selected != null && selected.status() != TenantStatus.DELETING);
    }

    private void resumeSelected() {
        change(tenant -> controlPlane.resumeTenant(SignedIn.require(), tenant.slug()), "resumed");
    }

    private void confirmSuspend() {
        Tenant selected = tenants.asSingleSelect().getValue();
        Confirmation.ask(
                "Suspend " + selected.slug() + "?",
                "Its namespaces admit no new pods and its API client is disabled until it is resumed. Running pods and"
                        + " its data stay.",
                "Suspend",
                () -> change(tenant -> controlPlane.suspendTenant(SignedIn.require(), tenant.slug()), "suspended"));
    }

    private void confirmDelete() {
        Tenant selected = tenants.asSingleSelect().getValue();
        Confirmation.ask(
                "Delete " + selected.slug() + "?",
                "The tenant is removed. The API refuses while the tenant owns workloads or a drill lists it.",
                "Delete",
                () -> change(
                        tenant -> controlPlane.deleteTenant(SignedIn.require(), tenant.slug()),
                        "deleted",
                        "is being deleted; its steps show the progress"));
    }

    /** Applies a change to the selected tenant, reloads the list and shows the outcome. */
    void change(UnaryOperator<Tenant> action, String done) {
        change(action, done, done);
    }

    /**
     * Applies a change to the selected tenant, reloads the list and shows the outcome: {@code done} when the action
     * returns nothing, {@code inProgress} when it returns the tenant whose change goes on.
     */
    void change(UnaryOperator<Tenant> action, String done, String inProgress) {
        Tenant selected = tenants.asSingleSelect().getValue();
        if (selected == null) {
            return;
        }
        try {
            Tenant changed = action.apply(selected);
            load();
            reselect(selected.slug());
            notice.setText("Tenant " + selected.slug() + " " + (changed == null ? done : inProgress));
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
        }
    }

    /**
     * Reloads the list with the current filters, keeping the selection while the tenant is still listed, so that
     * statuses and steps that the control plane changes on its own show without a click. Leaves notices alone.
     */
    void refresh() {
        Tenant selected = tenants.asSingleSelect().getValue();
        try {
            tenants.setItems(controlPlane.tenants(SignedIn.require(), filter()));
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
            return;
        }
        if (selected != null) {
            reselect(selected.slug());
        }
        enableActions();
        showEnvironments();
    }

    private Map<String, String> filter() {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("tier", tier.getValue());
        filter.put("status", status.getValue());
        filter.put("residencyZone", zone.getValue());
        return filter;
    }

    void load() {
        Map<String, String> filter = filter();
        message.setText("");
        notice.setText("");
        zone.setInvalid(false);
        try {
            tenants.setItems(controlPlane.tenants(SignedIn.require(), filter));
            tenants.recalculateColumnWidths();
            enableActions();
        } catch (ApiError failure) {
            failure.fieldErrors().stream()
                    .filter(error -> error.field().equals("residencyZone"))
                    .findFirst()
                    .ifPresentOrElse(
                            error -> {
                                zone.setInvalid(true);
                                zone.setErrorMessage(error.message());
                            },
                            () -> message.setText(failure.getMessage()));
            tenants.setItems(List.of());
            enableActions();
        }
    }
}
