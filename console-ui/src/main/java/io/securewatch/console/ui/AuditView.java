package io.securewatch.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.api.v1.AuditEvent;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The newest audit events, filtered by object kind, object, actor and action, with the digests of each changed
 * object before and after. A filter the API rejects shows the API's message at that field.
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit log | SecureWatch")
public class AuditView extends VerticalLayout {

    static final int EVENTS_SHOWN = 100;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    final Map<String, TextField> filters = new LinkedHashMap<>();
    final Grid<AuditEvent> events = new Grid<>();
    final Span message = new Span();
    private final ControlPlane controlPlane;

    @Inject
    public AuditView(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        add(new H2("Audit log"));
        filters.put("objectKind", new TextField("Object kind"));
        filters.put("objectId", new TextField("Object"));
        filters.put("actor", new TextField("Actor"));
        filters.put("action", new TextField("Action"));
        filters.values().forEach(field -> field.setClearButtonVisible(true));
        HorizontalLayout bar = new HorizontalLayout();
        filters.values().forEach(bar::add);
        bar.add(new Button("Filter", click -> load()));
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);

        events.addColumn(event -> TIME.format(event.occurredAt())).setHeader("Time (UTC)");
        events.addColumn(AuditEvent::actor).setHeader("Actor");
        events.addColumn(AuditEvent::action).setHeader("Action");
        events.addColumn(AuditEvent::objectKind).setHeader("Kind");
        events.addColumn(AuditEvent::objectId).setHeader("Object");
        events.addColumn(event -> event.tenant() == null ? "" : event.tenant()).setHeader("Tenant");
        events.addColumn(event -> digest(event.beforeDigest())).setHeader("Before");
        events.addColumn(event -> digest(event.afterDigest())).setHeader("After");
        events.getColumns().forEach(column -> column.setAutoWidth(true));
        events.setAllRowsVisible(true);
        message.getStyle().set("color", "var(--lumo-error-text-color)");
        add(bar, message, events);
        load();
    }

    void load() {
        Map<String, String> filter = new LinkedHashMap<>();
        filters.forEach((name, field) -> {
            field.setInvalid(false);
            filter.put(name, field.getValue());
        });
        message.setText("");
        try {
            events.setItems(controlPlane.auditEvents(SignedIn.require(), filter, EVENTS_SHOWN));
            events.recalculateColumnWidths();
        } catch (ApiError failure) {
            events.setItems(List.of());
            boolean atField = false;
            for (var error : failure.fieldErrors()) {
                TextField field = filters.get(error.field());
                if (field != null) {
                    field.setInvalid(true);
                    field.setErrorMessage(error.message());
                    atField = true;
                }
            }
            if (!atField) {
                message.setText(failure.getMessage());
            }
        }
    }

    /** Returns the first 12 hex digits of a SHA-256 digest, enough to compare two versions by eye. */
    static String digest(String sha256) {
        return sha256 == null ? "" : sha256.substring(0, Math.min(12, sha256.length()));
    }
}
