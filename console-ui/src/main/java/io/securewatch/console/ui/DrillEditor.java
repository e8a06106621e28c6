package io.securewatch.console.ui;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValueContext;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.api.v1.DrillRequest.Mode;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Creates a drill, or replaces an existing one based on the version it was loaded at. The form has an input for
 * every field of the request. The target is chosen among the existing objects of the drill's type, and empty
 * guardrails take the API's defaults. Checks that need no API call run before sending. The API's rejection shows at
 * the input it names and keeps the dialog open.
 */
class DrillEditor extends Dialog {

    final TextField name = new TextField("Name");
    final Select<Type> type = new Select<>();
    final ComboBox<String> target = new ComboBox<>("Target");
    final TextField services = new TextField("Services in scope");
    final TextField tenants = new TextField("Tenants in scope");
    final IntegerField minSurvivorHeadroom = new IntegerField("Minimum survivor headroom (%)");
    final IntegerField maxErrorRate = new IntegerField("Maximum error rate (%)");
    final IntegerField ackTimeout = new IntegerField("Ack timeout (s)");
    final IntegerField maxDuration = new IntegerField("Maximum duration (s)");
    final IntegerField observation = new IntegerField("Observation (s)");
    final RadioButtonGroup<Mode> mode = new RadioButtonGroup<>("Mode");
    final TextField schedule = new TextField("Schedule (Quartz cron, UTC)");
    final Span message = new Span();
    final Button save = new Button();

    /** The inputs by the request field path that API errors name. */
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    private final ControlPlane controlPlane;
    private final DrillTargets targets;
    private final Drill existing;
    private final Consumer<Drill> saved;

    /**
     * @param existing the drill to edit, as loaded, or null to create one
     * @param saved receives the drill as the API returned it, after the dialog has closed
     */
    DrillEditor(ControlPlane controlPlane, DrillTargets targets, Drill existing, Consumer<Drill> saved) {
        this.controlPlane = controlPlane;
        this.targets = targets;
        this.existing = existing;
        this.saved = saved;
        setHeaderTitle(
                existing == null ? "New drill" : "Edit drill " + existing.name() + ", version " + existing.version());
        setModal(true);
        setCloseOnOutsideClick(false);
        setWidth("44em");

        describeDefinition();
        describeGuardrails();
        describeRun();
        registerFields();
        message.getStyle().set("color", "var(--lumo-error-text-color)");

        FormLayout guardrails = new FormLayout(minSurvivorHeadroom, maxErrorRate, ackTimeout, maxDuration, observation);
        VerticalLayout form = new VerticalLayout(
                name, type, target, services, tenants, new H4("Guardrails"), guardrails, mode, schedule, message);
        form.setPadding(false);
        for (HasSize field : List.<HasSize>of(name, type, target, services, tenants, schedule)) {
            field.setWidthFull();
        }
        add(form);

        save.setText(existing == null ? "Create drill" : "Save drill");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> submit());
        getFooter().add(new Button("Cancel", click -> close()), save);

        fill(existing == null ? new DrillDraft() : DrillDraft.of(existing));
    }

    /** Checks the form and sends the request. It closes on success, and on failure marks the inputs and stays open. */
    void submit() {
        DrillDraft draft = readDraft();
        List<FieldError> errors = new ArrayList<>(unparsableNumbers());
        errors.addAll(draft.check());
        showErrors(errors, null);
        if (!errors.isEmpty()) {
            return;
        }
        try {
            Drill drill = existing == null
                    ? controlPlane.createDrill(SignedIn.require(), draft.request())
                    : controlPlane.updateDrill(
                            SignedIn.require(), existing.name(), draft.request(), existing.version());
            close();
            saved.accept(drill);
        } catch (ApiError failure) {
            showErrors(failure.fieldErrors(), failure.getMessage());
        }
    }

    private void describeDefinition() {
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(63);
        if (existing == null) {
            name.setHelperText("DNS label: lowercase letters, digits or '-', at most 63 characters");
        } else {
            name.setReadOnly(true);
            name.setHelperText("Drills cannot be renamed");
        }
        type.setLabel("Type");
        type.setPlaceholder("Choose the kind of failure to practise");
        type.setItems(Type.values());
        type.setItemLabelGenerator(value -> switch (value) {
            case REGION_EVACUATION -> "region-evacuation: move all traffic out of a region";
            case CLUSTER_EVACUATION -> "cluster-evacuation: move a cluster's load to the other clusters of its region";
            case SERVICE_FAILOVER -> "service-failover: send a service's traffic to its failover regions";
        });
        type.setRequiredIndicatorVisible(true);
        type.addValueChangeListener(change -> offerTargets());
        target.setRequiredIndicatorVisible(true);
        target.setItemLabelGenerator(value -> targets.label(type.getValue(), value));
        target.setHelperText("Choose a type first; only existing objects of that type are offered");
        services.setHelperText(
                "Optional. Services separated by commas, each a workload with a Service; empty for every service"
                        + " the target affects");
        services.setPlaceholder("checkout, payments");
        tenants.setHelperText("Optional. Tenant slugs separated by commas; empty for every tenant the target affects");
        tenants.setPlaceholder("acme, umbrella");
    }

    private void describeGuardrails() {
        describe(
                minSurvivorHeadroom,
                0,
                DrillDraft.MAX_PERCENT,
                Guardrails.DEFAULT_MIN_SURVIVOR_HEADROOM_PERCENT,
                "Spare capacity the regions or clusters left must keep, in percent of the load they take over");
        describe(
                maxErrorRate,
                0,
                DrillDraft.MAX_PERCENT,
                Guardrails.DEFAULT_MAX_ERROR_RATE_PERCENT,
                "Share of failed requests above which the run aborts");
        describe(
                ackTimeout,
                DrillDraft.MIN_ACK_TIMEOUT_SECONDS,
                DrillDraft.MAX_ACK_TIMEOUT_SECONDS,
                Guardrails.DEFAULT_ACK_TIMEOUT_SECONDS,
                "Time an agent has to acknowledge a step before the run aborts");
        describe(
                maxDuration,
                DrillDraft.MIN_MAX_DURATION_SECONDS,
                DrillDraft.MAX_SECONDS,
                Guardrails.DEFAULT_MAX_DURATION_SECONDS,
                "Time after which the run aborts and fails back");
        describe(
                observation,
                0,
                DrillDraft.MAX_SECONDS,
                Guardrails.DEFAULT_OBSERVATION_SECONDS,
                "Time to watch the survivors after traffic has moved, before failing back; less than the maximum"
                        + " duration");
    }

    /** Sets a guardrail input's range, and shows its purpose, its range and the API's default for an empty input. */
    private static void describe(IntegerField field, int min, int max, int defaultValue, String purpose) {
        field.setMin(min);
        field.setMax(max);
        field.setPlaceholder(String.valueOf(defaultValue));
        field.setHelperText(
                purpose + ". From " + min + " to " + max + "; empty for the default, " + defaultValue + ".");
        field.setI18n(new IntegerField.IntegerFieldI18n().setBadInputErrorMessage("must be a whole number"));
    }

    private void describeRun() {
        mode.setItems(Mode.values());
        mode.setItemLabelGenerator(value -> switch (value) {
            case DRY_RUN -> "dry-run: run the checks and report what a live run would do, changing nothing";
            case LIVE -> "live: move real traffic";
        });
        mode.setHelperText("Scheduled runs use this mode; the Dry run and Live run buttons choose their own");
        schedule.setMaxLength(200);
        schedule.setPlaceholder("0 0 3 ? * MON");
        schedule.setHelperText("Optional, for regular practice runs: seconds, minutes, hours, day of month, month,"
                + " day of week and an optional year, with ? in one of the two day fields. Empty for no schedule.");
    }

    private void registerFields() {
        fields.put("name", name);
        fields.put("type", type);
        fields.put("target", target);
        fields.put("scope.services", services);
        fields.put("scope.tenants", tenants);
        fields.put("guardrails.minSurvivorHeadroomPercent", minSurvivorHeadroom);
        fields.put("guardrails.maxErrorRatePercent", maxErrorRate);
        fields.put("guardrails.ackTimeoutSeconds", ackTimeout);
        fields.put("guardrails.maxDurationSeconds", maxDuration);
        fields.put("guardrails.observationSeconds", observation);
        fields.put("mode", mode);
        fields.put("schedule", schedule);
        fields.values().forEach(field -> field.setManualValidation(true));
    }

    private void fill(DrillDraft draft) {
        name.setValue(draft.name);
        type.setValue(draft.type);
        target.setValue(draft.target);
        services.setValue(draft.services);
        tenants.setValue(draft.tenants);
        minSurvivorHeadroom.setValue(draft.minSurvivorHeadroomPercent);
        maxErrorRate.setValue(draft.maxErrorRatePercent);
        ackTimeout.setValue(draft.ackTimeoutSeconds);
        maxDuration.setValue(draft.maxDurationSeconds);
        observation.setValue(draft.observationSeconds);
        mode.setValue(draft.mode);
        schedule.setValue(draft.schedule);
    }

    private DrillDraft readDraft() {
        DrillDraft draft = new DrillDraft();
        draft.name = name.getValue();
        draft.type = type.getValue();
        draft.target = target.getValue();
        draft.services = services.getValue();
        draft.tenants = tenants.getValue();
        draft.minSurvivorHeadroomPercent = minSurvivorHeadroom.getValue();
        draft.maxErrorRatePercent = maxErrorRate.getValue();
        draft.ackTimeoutSeconds = ackTimeout.getValue();
        draft.maxDurationSeconds = maxDuration.getValue();
        draft.observationSeconds = observation.getValue();
        draft.mode = mode.getValue() == null ? Mode.DRY_RUN : mode.getValue();
        draft.schedule = schedule.getValue();
        return draft;
    }

    /**
     * Returns an error for each guardrail input whose text is not a whole number. Such an input has no value, and
     * sending it empty would silently apply the API's default.
     */
    private List<FieldError> unparsableNumbers() {
        List<FieldError> errors = new ArrayList<>();
        fields.forEach((path, field) -> {
            if (field instanceof IntegerField number
                    && number.getValue() == null
                    && number.getDefaultValidator()
                            .apply(null, new ValueContext(number))
                            .isError()) {
                errors.add(new FieldError(path, "must be a whole number"));
            }
        });
        return errors;
    }

    /** Offers the objects of the chosen type as targets, and keeps the chosen target if it is still offered. */
    private void offerTargets() {
        Type chosen = type.getValue();
        String chosenTarget = target.getValue();
        List<String> offered = new ArrayList<>(chosen == null ? List.of() : targets.names(chosen));
        // A drill's target may have been removed since the drill was saved. It is offered anyway, so the form shows the
        // drill as stored and the API's error on save names the missing target
        if (existing != null && chosen == existing.type() && !offered.contains(existing.target())) {
            offered.add(existing.target());
        }
        target.setItems(offered);
        target.setLabel(chosen == null ? "Target" : "Target " + chosen.targetKind());
        target.setHelperText(
                chosen == null
                        ? "Choose a type first; only existing objects of that type are offered"
                        : offered.isEmpty()
                                ? "No " + chosen.targetKind() + " exists yet that you may see"
                                : "The " + chosen.targetKind() + " the drill acts on");
        target.setValue(offered.contains(chosenTarget) ? chosenTarget : null);
    }

    /**
     * Marks each input named by an error with its messages, and lists the errors that name no input in the message
     * line. Field paths with an index, such as {@code scope.services[1]}, mark the input of the whole list.
     *
     * @param summary the API's message, shown when no error names a field; null for the form's own checks
     */
    private void showErrors(List<FieldError> errors, String summary) {
        fields.values().forEach(field -> field.setInvalid(false));
        message.setText("");
        Map<HasValidation, List<String>> messages = new LinkedHashMap<>();
        List<String> unplaced = new ArrayList<>();
        for (FieldError error : errors) {
            HasValidation field = fields.get(error.field().replaceAll("\\[.*$", ""));
            if (field == null) {
                unplaced.add(error.field() + ": " + error.message());
            } else {
                messages.computeIfAbsent(field, key -> new ArrayList<>()).add(error.message());
            }
        }
        messages.forEach((field, texts) -> {
            field.setErrorMessage(String.join("; ", texts));
            field.setInvalid(true);
        });
        if (!unplaced.isEmpty()) {
            message.setText(String.join("; ", unplaced));
        } else if (errors.isEmpty() && summary != null) {
            message.setText(summary);
        }
    }
}
