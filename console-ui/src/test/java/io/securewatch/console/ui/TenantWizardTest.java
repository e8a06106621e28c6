package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.securewatch.api.v1.Problem;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.ui.TenantDraft.Step;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantWizardTest extends ViewTestSupport {

    private TenantsView view;

    @BeforeEach
    void openWizard() {
        controlPlane.regions.addAll(List.of(
                OverviewTest.region("eu-west-1", "EU"),
                OverviewTest.region("eu-central-1", "EU"),
                OverviewTest.region("us-east-1", "US")));
        view = new TenantsView(controlPlane);
        UI.getCurrent().add(view);
        view.openWizard();
    }

    @Test
    void invalidFieldBlocksNextStep() {
        // given
        TenantWizard wizard = view.wizard;
        wizard.slug.setValue("Not A Label");
        wizard.displayName.setValue("Umbrella");

        // when
        wizard.advance();

        // then
        assertThat(wizard.step).isEqualTo(Step.NAME);
        assertThat(wizard.slug.isInvalid()).isTrue();
        assertThat(wizard.slug.getErrorMessage()).startsWith("must be a DNS label");
        assertThat(controlPlane.createdTenants).isEmpty();
    }

    @Test
    void regionsOfferedAreThoseOfChosenZones() {
        // given
        TenantWizard wizard = fillName(view.wizard);

        // when
        wizard.zones.setValue(Set.of("EU"));

        // then
        assertThat(wizard.regions.getListDataView().getItems()).containsExactly("eu-central-1", "eu-west-1");
    }

    @Test
    void completedWizardCreatesTenantAndListsIt() {
        // given
        TenantWizard wizard = fillUpToReview(view.wizard);
        controlPlane.tenants.add(TenantsViewTest.tenant("umbrella"));

        // when
        wizard.submit();

        // then
        assertThat(wizard.step).isEqualTo(Step.REVIEW);
        assertThat(wizard.review.getText()).contains("Regions: eu-west-1").contains("Quota: 4 cores, 16 GiB, 100 pods");
        assertThat(controlPlane.createdTenants).singleElement().satisfies(request -> {
            assertThat(request.slug()).isEqualTo("umbrella");
            assertThat(request.quota().cpuMillis()).isEqualTo(4000);
        });
        assertThat(wizard.isOpened()).isFalse();
        assertThat(view.notice.getText()).isEqualTo("Tenant umbrella created: ready");
        assertThat(GridKt._size(view.tenants)).isEqualTo(1);
    }

    @Test
    void apiRejectionOpensTheStepOfTheField() {
        // given
        TenantWizard wizard = fillUpToReview(view.wizard);
        controlPlane.failure = new ApiError(
                409,
                "tenant 'umbrella' already exists",
                List.of(new Problem.FieldError("slug", "tenant 'umbrella' already exists; choose another slug")));

        // when
        wizard.submit();

        // then
        assertThat(wizard.isOpened()).isTrue();
        assertThat(wizard.step).isEqualTo(Step.NAME);
        assertThat(wizard.slug.isInvalid()).isTrue();
        assertThat(wizard.slug.getErrorMessage()).isEqualTo("tenant 'umbrella' already exists; choose another slug");
    }

    @Test
    void conflictWithoutFieldShowsAtSlug() {
        // given
        TenantWizard wizard = fillUpToReview(view.wizard);
        controlPlane.failure = new ApiError(409, "tenant 'umbrella' already exists; choose another slug", List.of());

        // when
        wizard.submit();

        // then
        assertThat(wizard.step).isEqualTo(Step.NAME);
        assertThat(wizard.slug.isInvalid()).isTrue();
        assertThat(wizard.slug.getErrorMessage()).isEqualTo("tenant 'umbrella' already exists; choose another slug");
        assertThat(wizard.message.getText()).isEmpty();
    }

    @Test
    void suspendAndResumeFollowTheSelectedTenantsStatus() {
        // given
        controlPlane.tenants.add(TenantsViewTest.tenant("acme"));
        view.load();

        // when
        view.tenants.select(controlPlane.tenants.get(0));

        // then
        assertThat(controlPlane.tenants.get(0).status()).isEqualTo(TenantStatus.READY);
        assertThat(view.suspend.isEnabled()).isTrue();
        assertThat(view.resume.isEnabled()).isFalse();
        view.change(tenant -> controlPlane.suspendTenant(SignedIn.require(), tenant.slug()), "suspended");
        assertThat(controlPlane.tenantChanges).containsExactly("suspend acme");
        assertThat(view.notice.getText()).isEqualTo("Tenant acme suspended");
    }

    private static TenantWizard fillUpToReview(TenantWizard wizard) {
        fillName(wizard);
        wizard.zones.setValue(Set.of("EU"));
        wizard.regions.setValue(Set.of("eu-west-1"));
        wizard.advance();
        wizard.cpu.setValue(4.0);
        wizard.memory.setValue(16);
        wizard.pods.setValue(100);
        wizard.advance();
        return wizard;
    }

    private static TenantWizard fillName(TenantWizard wizard) {
        wizard.slug.setValue("umbrella");
        wizard.displayName.setValue("Umbrella Corporation");
        wizard.advance();
        assertThat(wizard.step).isEqualTo(Step.PLACEMENT);
        return wizard;
    }
}
