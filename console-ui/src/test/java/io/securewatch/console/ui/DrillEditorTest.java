package io.securewatch.console.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import elemental.json.Json;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.api.v1.DrillRequest.Mode;
import io.securewatch.api.v1.DrillRequest.Scope;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.api.v1.KubernetesService;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Workload;
import io.securewatch.console.api.ApiError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrillEditorTest extends ViewTestSupport {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    private DrillsView view;

    @BeforeEach
    void openView() {
        controlPlane.regions.addAll(
                List.of(OverviewTest.region("us-east-1", "US"), OverviewTest.region("eu-west-1", "EU")));
        controlPlane.clusters.addAll(List.of(
                OverviewTest.cluster("eu-west-1-a", "eu-west-1"), OverviewTest.cluster("us-east-1-a", "us-east-1")));
        controlPlane.workloads.addAll(List.of(workload("checkout", true), workload("nightly-batch", false)));
        view = new DrillsView(controlPlane);
        UI.getCurrent().add(view);
    }

    @Test
    void targetChoicesFollowType() {
        // given
        DrillEditor editor = openNew();
        editor.type.setValue(Type.REGION_EVACUATION);
        assertThat(editor.target.getListDataView().getItems()).containsExactly("eu-west-1", "us-east-1");
        editor.target.setValue("eu-west-1");

        // when
        editor.type.setValue(Type.CLUSTER_EVACUATION);

        // then: the region chosen before is no cluster, so the choice is cleared
        assertThat(editor.target.getListDataView().getItems()).containsExactly("eu-west-1-a", "us-east-1-a");
        assertThat(editor.target.getValue()).isNull();
        assertThat(editor.target.getLabel()).isEqualTo("Target cluster");
        assertThat(editor.target.getItemLabelGenerator().apply("eu-west-1-a"))
                .isEqualTo("eu-west-1-a (region eu-west-1)");
    }

    @Test
    void serviceTargetsAreWorkloadsWithService() {
        // given
        DrillEditor editor = openNew();

        // when
        editor.type.setValue(Type.SERVICE_FAILOVER);

        // then
        assertThat(editor.target.getListDataView().getItems()).containsExactly("checkout");
        assertThat(editor.target.getItemLabelGenerator().apply("checkout")).isEqualTo("checkout (tenant acme)");
    }

    @Test
    void validFormCreatesDrillAndSelectsIt() {
        // given
        DrillEditor editor = openNew();
        fillValid(editor);
        editor.services.setValue(" checkout , ");
        editor.maxDuration.setValue(900);
        editor.observation.setValue(120);
        editor.mode.setValue(Mode.LIVE);
        editor.schedule.setValue(" 0 0 3 ? * MON ");

        // when
        editor.save.click();

        // then
        assertThat(controlPlane.drillRequests).singleElement().satisfies(request -> {
            assertThat(request.name()).isEqualTo("evacuate-eu-west-1");
            assertThat(request.type()).isEqualTo(Type.REGION_EVACUATION);
            assertThat(request.target()).isEqualTo("eu-west-1");
            assertThat(request.scope()).isEqualTo(new Scope(List.of("checkout"), List.of()));
            assertThat(request.guardrails()).isEqualTo(new Guardrails(null, null, null, 900, 120));
            assertThat(request.mode()).isEqualTo(Mode.LIVE);
            assertThat(request.schedule()).isEqualTo("0 0 3 ? * MON");
        });
        assertThat(editor.isOpened()).isFalse();
        assertThat(GridKt._size(view.drills)).isEqualTo(1);
        assertThat(view.drills.asSingleSelect().getValue().name()).isEqualTo("evacuate-eu-west-1");
        assertThat(view.notice.getText()).isEqualTo("Drill evacuate-eu-west-1 created. Version 1.");
    }

    @Test
    void untouchedFieldsSendDefaults() {
        // given
        DrillEditor editor = openNew();
        fillValid(editor);

        // when
        editor.save.click();

        // then: empty guardrails are sent as null, and the API applies its defaults to them
        DrillRequest request = controlPlane.drillRequests.get(0);
        assertThat(request.guardrails()).isEqualTo(new Guardrails(null, null, null, null, null));
        assertThat(request.scope()).isEqualTo(Scope.EVERYTHING);
        assertThat(request.mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(request.schedule()).isNull();
    }

    @Test
    void invalidNameIsNotSent() {
        // given
        DrillEditor editor = openNew();
        fillValid(editor);
        editor.name.setValue("Evacuate EU");

        // when
        editor.save.click();

        // then
        assertThat(controlPlane.drillRequests).isEmpty();
        assertThat(editor.isOpened()).isTrue();
        assertThat(editor.name.isInvalid()).isTrue();
        assertThat(editor.name.getErrorMessage()).startsWith("must be a DNS label");
    }

    @Test
    void missingTypeAndTargetAreMarked() {
        // given
        DrillEditor editor = openNew();
        editor.name.setValue("evacuate-eu-west-1");

        // when
        editor.save.click();

        // then
        assertThat(controlPlane.drillRequests).isEmpty();
        assertThat(editor.type.isInvalid()).isTrue();
        assertThat(editor.type.getErrorMessage()).isEqualTo("is required");
        assertThat(editor.target.isInvalid()).isTrue();
        assertThat(editor.name.isInvalid()).isFalse();
    }

    @Test
    void apiGuardrailErrorShowsAtItsField() {
        // given
        DrillEditor editor = openNew();
        fillValid(editor);
        controlPlane.failure = new ApiError(
                400,
                "guardrails.maxDurationSeconds: must be from 60 to 86400",
                List.of(new FieldError("guardrails.maxDurationSeconds", "must be from 60 to 86400")));

        // when
        editor.save.click();

        // then
        assertThat(editor.isOpened()).isTrue();
        assertThat(editor.maxDuration.isInvalid()).isTrue();
        assertThat(editor.maxDuration.getErrorMessage()).isEqualTo("must be from 60 to 86400");
        assertThat(editor.observation.isInvalid()).isFalse();
        assertThat(editor.message.getText()).isEmpty();
    }

    @Test
    void listErrorsJoinAtOneField() {
        // given
        DrillEditor editor = openNew();
        fillValid(editor);
        editor.services.setValue("checkout, billing, search");
        controlPlane.failure = new ApiError(
                400,
                "2 fields are invalid; see errors",
                List.of(
                        new FieldError("scope.services[1]", "service 'billing' not found"),
                        new FieldError("scope.services[2]", "service 'search' not found")));

        // when
        editor.save.click();

        // then
        assertThat(editor.services.isInvalid()).isTrue();
        assertThat(editor.services.getErrorMessage())
                .isEqualTo("service 'billing' not found; service 'search' not found");
    }

    @Test
    void apiErrorWithoutInputShowsInMessage() {
        // given
        DrillEditor editor = openNew();
        fillValid(editor);
        controlPlane.failure =
                new ApiError(409, "drill 'evacuate-eu-west-1' already exists; choose another name", List.of());

        // when
        editor.save.click();

        // then
        assertThat(editor.isOpened()).isTrue();
        assertThat(editor.message.getText())
                .isEqualTo("drill 'evacuate-eu-west-1' already exists; choose another name");
    }

    @Test
    void unmatchedFieldErrorShowsWithItsPath() {
        // given
        DrillEditor editor = openNew();
        fillValid(editor);
        controlPlane.failure =
                new ApiError(400, "body: has a field twice", List.of(new FieldError("body", "has a field twice")));

        // when
        editor.save.click();

        // then
        assertThat(editor.message.getText()).isEqualTo("body: has a field twice");
    }

    @Test
    void unparsableGuardrailIsNotSent() {
        // given: the browser reports text that is not a number, which leaves the field without a value
        DrillEditor editor = openNew();
        fillValid(editor);
        Element input = editor.ackTimeout.getElement();
        input.setProperty("_inputElementValue", "12x");
        ElementUtilsKt._fireDomEvent(input, new DomEvent(input, "unparsable-change", Json.createObject()));

        // when
        editor.save.click();

        // then
        assertThat(editor.ackTimeout.getValue()).isNull();
        assertThat(controlPlane.drillRequests).isEmpty();
        assertThat(editor.ackTimeout.isInvalid()).isTrue();
        assertThat(editor.ackTimeout.getErrorMessage()).isEqualTo("must be a whole number");
    }

    @Test
    void editSendsLoadedVersion() {
        // given
        controlPlane.drills.add(drill("evacuate-eu-west-1", 3));
        view.load("evacuate-eu-west-1");
        view.edit.click();
        DrillEditor editor = view.editor;
        assertThat(editor.name.getValue()).isEqualTo("evacuate-eu-west-1");
        assertThat(editor.name.isReadOnly()).isTrue();
        assertThat(editor.target.getValue()).isEqualTo("eu-west-1");
        assertThat(editor.tenants.getValue()).isEqualTo("acme, umbrella");
        assertThat(editor.maxDuration.getValue()).isEqualTo(1200);
        editor.observation.setValue(600);

        // when
        editor.save.click();

        // then
        assertThat(controlPlane.drillChanges).containsExactly("update evacuate-eu-west-1 at 3");
        DrillRequest request = controlPlane.drillRequests.get(0);
        assertThat(request.guardrails()).isEqualTo(new Guardrails(25, 5, 60, 1200, 600));
        assertThat(request.scope().tenants()).containsExactly("acme", "umbrella");
        assertThat(request.schedule()).isEqualTo("0 0 3 ? * MON");
        assertThat(editor.isOpened()).isFalse();
        assertThat(view.drills.asSingleSelect().getValue().version()).isEqualTo(4);
        assertThat(view.notice.getText()).isEqualTo("Drill evacuate-eu-west-1 saved. Version 4.");
    }

    @Test
    void editKeepsTargetThatNoLongerExists() {
        // given
        controlPlane.drills.add(new Drill(
                "evacuate-ap-south-1",
                Type.REGION_EVACUATION,
                "ap-south-1",
                Scope.EVERYTHING,
                Guardrails.DEFAULTS,
                Mode.DRY_RUN,
                null,
                "admin",
                1,
                AT,
                AT));
        view.load("evacuate-ap-south-1");

        // when
        view.edit.click();

        // then
        assertThat(view.editor.target.getValue()).isEqualTo("ap-south-1");
        assertThat(view.editor.target.getListDataView().getItems())
                .containsExactly("eu-west-1", "us-east-1", "ap-south-1");
    }

    @Test
    void deleteWaitsForConfirmation() {
        // given
        controlPlane.drills.add(drill("evacuate-eu-west-1", 3));
        view.load("evacuate-eu-west-1");

        // when
        view.delete.click();

        // then: nothing is deleted before the dialog is confirmed
        assertThat(controlPlane.drillChanges).isEmpty();
        ConfirmDialog dialog = _find(ConfirmDialog.class).get(0);
        assertThat(dialog.isOpened()).isTrue();
        ComponentUtil.fireEvent(dialog, new ConfirmDialog.ConfirmEvent(dialog, false));
        assertThat(controlPlane.drillChanges).containsExactly("delete evacuate-eu-west-1 at 3");
        assertThat(GridKt._size(view.drills)).isZero();
        assertThat(view.drills.asSingleSelect().getValue()).isNull();
        assertThat(view.edit.isEnabled()).isFalse();
        assertThat(view.notice.getText()).isEqualTo("Drill evacuate-eu-west-1 deleted.");
    }

    @Test
    void rejectedDeleteKeepsDrillSelected() {
        // given
        controlPlane.drills.add(drill("evacuate-eu-west-1", 3));
        view.load("evacuate-eu-west-1");
        view.delete.click();
        ConfirmDialog dialog = _find(ConfirmDialog.class).get(0);
        controlPlane.failure = new ApiError(
                409,
                "drill 'evacuate-eu-west-1' has a run in progress; abort it, or wait for it to end, before deleting"
                        + " the drill",
                List.of());

        // when
        ComponentUtil.fireEvent(dialog, new ConfirmDialog.ConfirmEvent(dialog, false));

        // then
        assertThat(controlPlane.drills).hasSize(1);
        assertThat(view.message.getText()).startsWith("drill 'evacuate-eu-west-1' has a run in progress");
    }

    private DrillEditor openNew() {
        view.create.click();
        assertThat(view.editor.isOpened()).isTrue();
        return view.editor;
    }

    private static void fillValid(DrillEditor editor) {
        editor.name.setValue("evacuate-eu-west-1");
        editor.type.setValue(Type.REGION_EVACUATION);
        editor.target.setValue("eu-west-1");
    }

    private static Drill drill(String name, long version) {
        return new Drill(
                name,
                Type.REGION_EVACUATION,
                "eu-west-1",
                new Scope(List.of(), List.of("acme", "umbrella")),
                new Guardrails(25, 5, 60, 1200, 300),
                Mode.DRY_RUN,
                "0 0 3 ? * MON",
                "admin",
                version,
                AT,
                AT);
    }

    private static Workload workload(String name, boolean withService) {
        return new Workload(
                name,
                "acme",
                "tenant-acme",
                List.of("eu-west-1", "us-east-1"),
                Map.of(),
                Map.of(),
                withService ? new KubernetesService(name, Map.of()) : null,
                List.of(),
                List.of(),
                1,
                AT,
                AT);
    }
}
