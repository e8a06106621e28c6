package io.securewatch.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.Tenant;
import io.securewatch.api.v1.TenantTier;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.ui.TenantDraft.Step;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Creates a tenant in four steps: name, placement (residency zones, then regions inside them), capacity (tier and
 * quota) and review. Each step is checked before the next opens. When the API rejects the final request, its message
 * shows at the field it names, on the step that contains that field.
 */
class TenantWizard extends Dialog {

    final TextField slug = new TextField("Slug");
    final TextField displayName = new TextField("Display name");
    final EmailField adminEmail = new EmailField("First administrator's email");
    final CheckboxGroup<String> zones = new CheckboxGroup<>("Residency zones");
    final CheckboxGroup<String> regions = new CheckboxGroup<>("Regions");
    final RadioButtonGroup<TenantTier> tier = new RadioButtonGroup<>("Tier");
    final NumberField cpu = new NumberField("CPU quota (cores)");
    final IntegerField memory = new IntegerField("Memory quota (GiB)");
    final IntegerField pods = new IntegerField("Pod quota");
    final Span review = new Span();
    final Span message = new Span();
    final Button back = new Button("Back", click -> show(previous()));
    final Button next = new Button("Next", click -> advance());
    final Button create = new Button("Create tenant", click -> submit());

    private final Map<Step, VerticalLayout> pages;
    private final Map<String, HasValidation> fields = Map.of(
            "slug", slug,
            "displayName", displayName,
            "adminEmail", adminEmail,
            "residencyZones", zones,
            "regions", regions,
            "quota.cpuMillis", cpu,
            "quota.memoryBytes", memory,
            "quota.pods", pods);
    private final ControlPlane controlPlane;
    private final List<Region> knownRegions;
    private final Consumer<Tenant> created;
    private final TenantDraft draft = new TenantDraft();
    Step step = Step.NAME;

    TenantWizard(ControlPlane controlPlane, List<Region> knownRegions, Consumer<Tenant> created) {
        this.controlPlane = controlPlane;
        this.knownRegions = knownRegions;
        this.created = created;
        setHeaderTitle("New tenant");
        setModal(true);
        setCloseOnOutsideClick(false);
        setWidth("36em");

        slug.setHelperText("DNS label, at most 56 characters; the namespaces are named tenant-<slug>");
        slug.setMaxLength(56);
        slug.setRequiredIndicatorVisible(true);
        displayName.setMaxLength(200);
        displayName.setRequiredIndicatorVisible(true);
        adminEmail.setHelperText("Invited in Keycloak to set a password; the control plane requires it when it"
                + " creates tenant identities");
        adminEmail.setMaxLength(254);
        zones.setItems(TenantDraft.zones(knownRegions));
        zones.setHelperText("Where the tenant's data may reside");
        zones.setRequiredIndicatorVisible(true);
        zones.addValueChangeListener(change -> offerRegions());
        regions.setHelperText("Only regions inside the chosen zones are offered");
        regions.setRequiredIndicatorVisible(true);
        regions.setItemLabelGenerator(this::regionLabel);
        tier.setItems(TenantTier.values());
        tier.setItemLabelGenerator(value -> switch (value) {
            case SHARED -> "Shared: namespaces on the regions' shared clusters";
            case DEDICATED -> "Dedicated: the tenant's own capacity";
        });
        tier.setValue(TenantTier.SHARED);
        cpu.setMin(0.001);
        cpu.setStep(0.5);
        memory.setMin(1);
        pods.setMin(1);
        for (HasValidation field : fields.values()) {
            field.setManualValidation(true);
        }
        message.getStyle().set("color", "var(--lumo-error-text-color)");
        review.getStyle().set("white-space", "pre-line");

        pages = Map.of(
                Step.NAME, page(slug, displayName, adminEmail),
                Step.PLACEMENT, page(zones, regions),
                Step.CAPACITY, page(tier, cpu, memory, pods),
                Step.REVIEW, page(review));
        pages.values().forEach(this::add);
        add(message);

        Button cancel = new Button("Cancel", click -> close());
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickShortcut(Key.ENTER);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(cancel, back, next, create);
        show(Step.NAME);
    }

    /** Checks the current step and opens the next one when it holds. */
    void advance() {
        readDraft();
        List<FieldError> errors = draft.check(step, knownRegions);
        showErrors(errors);
        if (errors.isEmpty()) {
            show(Step.values()[step.ordinal() + 1]);
        }
    }

    /** Checks every step again, sends the request and closes on success. */
    void submit() {
        readDraft();
        List<FieldError> errors = draft.checkAll(knownRegions);
        if (!errors.isEmpty()) {
            showErrors(errors);
            return;
        }
        try {
            Tenant tenant = controlPlane.createTenant(SignedIn.require(), draft.request());
            close();
            created.accept(tenant);
        } catch (ApiError failure) {
            if (failure.status() == 409 && failure.fieldErrors().isEmpty()) {
                // The slug is the only thing two tenants may not share, so a conflict is about the slug.
                showErrors(List.of(new FieldError("slug", failure.getMessage())));
                return;
            }
            showErrors(failure.fieldErrors());
            if (failure.fieldErrors().isEmpty()
                    || !fields.containsKey(failure.fieldErrors().get(0).field())) {
                message.setText(failure.getMessage());
            }
        }
    }

    private void readDraft() {
        draft.slug = slug.getValue();
        draft.displayName = displayName.getValue();
        draft.adminEmail = adminEmail.getValue();
        draft.residencyZones = zones.getValue();
        draft.regions = regions.getValue();
        draft.tier = tier.getValue() == null ? TenantTier.SHARED : tier.getValue();
        draft.cpuCores = cpu.getValue();
        draft.memoryGib = memory.getValue();
        draft.pods = pods.getValue();
    }

    /** Marks each field named by an error and opens the first step that contains one. */
    private void showErrors(List<FieldError> errors) {
        fields.values().forEach(field -> field.setInvalid(false));
        message.setText("");
        Step first = null;
        for (FieldError error : errors) {
            String field = error.field().replaceAll("\\[.*$", "");
            HasValidation component = fields.get(field);
            if (component != null && !component.isInvalid()) {
                component.setErrorMessage(error.message());
                component.setInvalid(true);
            } else if (component == null) {
                message.setText(error.field() + " " + error.message());
            }
            Step holder = Step.of(error.field());
            if (first == null || holder.ordinal() < first.ordinal()) {
                first = holder;
            }
        }
        if (first != null && first != Step.REVIEW && first != step) {
            show(first);
        }
    }

    private void show(Step shown) {
        step = shown;
        pages.forEach((page, layout) -> layout.setVisible(page == shown));
        setHeaderTitle(
                "New tenant: step " + (shown.ordinal() + 1) + " of " + Step.values().length + ", " + title(shown));
        back.setEnabled(shown != Step.NAME);
        next.setVisible(shown != Step.REVIEW);
        create.setVisible(shown == Step.REVIEW);
        if (shown == Step.REVIEW) {
            review.setText("Slug: " + draft.slug + "\nDisplay name: " + draft.displayName
                    + (draft.adminEmail.isBlank() ? "" : "\nFirst administrator: " + draft.adminEmail.strip())
                    + "\nResidency zones: "
                    + String.join(", ", draft.request().residencyZones()) + "\nRegions: "
                    + String.join(", ", draft.request().regions()) + "\nTier: " + draft.tier.wireName()
                    + "\nQuota: " + draft.quotaSummary());
        }
    }

    private Step previous() {
        return Step.values()[Math.max(0, step.ordinal() - 1)];
    }

    private void offerRegions() {
        LinkedHashSet<String> kept = new LinkedHashSet<>(regions.getValue());
        List<String> offered = TenantDraft.regionsIn(zones.getValue(), knownRegions);
        regions.setItems(offered);
        kept.retainAll(offered);
        regions.setValue(kept);
    }

    private String regionLabel(String name) {
        return knownRegions.stream()
                .filter(region -> region.name().equals(name))
                .findFirst()
                .map(region -> name + " (" + region.residencyZone() + ")")
                .orElse(name);
    }

    private static String title(Step step) {
        return switch (step) {
            case NAME -> "name";
            case PLACEMENT -> "residency and regions";
            case CAPACITY -> "tier and quota";
            case REVIEW -> "review";
        };
    }

    private static VerticalLayout page(Component... components) {
        VerticalLayout page = new VerticalLayout(components);
        page.setPadding(false);
        for (Component component : components) {
            if (component instanceof com.vaadin.flow.component.HasSize sized) {
                sized.setWidthFull();
            }
        }
        return page;
    }
}
