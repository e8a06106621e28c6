package io.securewatch.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Services: each workload with a Service and each service in Consul's catalog, with its health and staleness per
 * region. Selecting a service the control plane routes opens its routing policy editor with a rendered preview.
 */
@Route(value = "services", layout = MainLayout.class)
@PageTitle("Services | SecureWatch")
public class ServicesView extends VerticalLayout {

    final Grid<ServiceRow> services = new Grid<>();
    final Span message = new Span();
    final RoutingEditor editor;
    private final ControlPlane controlPlane;

    @Inject
    public ServicesView(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.editor = new RoutingEditor(controlPlane);
        add(new H2("Services"));
        services.addColumn(ServiceRow::name).setHeader("Service");
        services.addColumn(row -> row.tenant() == null ? "platform" : row.tenant())
                .setHeader("Tenant");
        services.addColumn(ServiceRow::health).setHeader("Catalog health per region");
        services.addColumn(row -> row.routable() ? "routed by SecureWatch" : "catalog only")
                .setHeader("Routing");
        services.getColumns().forEach(column -> column.setAutoWidth(true));
        services.setAllRowsVisible(true);
        services.addSelectionListener(selection ->
                selection.getFirstSelectedItem().ifPresentOrElse(this::open, () -> editor.setVisible(false)));
        message.getStyle().set("color", "var(--lumo-error-text-color)");
        add(new Button("Refresh", click -> load()), message, services, editor);
        load();
    }

    void load() {
        message.setText("");
        try {
            services.setItems(ServiceRow.merge(
                    controlPlane.workloads(SignedIn.require()), controlPlane.services(SignedIn.require())));
        } catch (ApiError failure) {
            message.setText(failure.getMessage());
            services.setItems(List.of());
        }
    }

    private void open(ServiceRow row) {
        if (!row.routable()) {
            editor.setVisible(false);
            message.setText(row.name() + " is only in Consul's catalog; add a workload with a Service to route it");
            return;
        }
        message.setText("");
        editor.edit(row.name(), row.workload().regions());
    }
}
