package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.securewatch.api.v1.Problem;
import io.securewatch.api.v1.Tenant;
import io.securewatch.api.v1.TenantEnvironments;
import io.securewatch.api.v1.TenantEnvironments.ClusterEnvironment;
import io.securewatch.api.v1.TenantEnvironments.RegionEnvironment;
import io.securewatch.api.v1.TenantProvisioning;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.api.v1.TenantTier;
import io.securewatch.console.api.ApiError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantsViewTest extends ViewTestSupport {

    @Test
    void listsTenantsFromApi() {
        // given
        controlPlane.tenants.add(tenant("acme"));

        // when
        TenantsView view = open();

        // then
        assertThat(GridKt._size(view.tenants)).isEqualTo(1);
        assertThat(GridKt._get(view.tenants, 0).slug()).isEqualTo("acme");
    }

    @Test
    void filtersGoToApi() {
        // given
        TenantsView view = open();
        view.tier.setValue("dedicated");
        view.zone.setValue("EU");

        // when
        view.load();

        // then
        assertThat(controlPlane.filters.get(controlPlane.filters.size() - 1))
                .containsEntry("tier", "dedicated")
                .containsEntry("residencyZone", "EU")
                .containsEntry("status", null);
    }

    @Test
    void rejectedZoneShowsAtField() {
        // given
        TenantsView view = open();
        controlPlane.failure = new ApiError(
                400,
                "residencyZone is not valid",
                List.of(new Problem.FieldError("residencyZone", "must be 2 to 16 uppercase letters, digits or '-'")));
        view.zone.setValue("eu zone");

        // when
        view.load();

        // then
        assertThat(view.zone.isInvalid()).isTrue();
        assertThat(view.zone.getErrorMessage()).isEqualTo("must be 2 to 16 uppercase letters, digits or '-'");
        assertThat(GridKt._size(view.tenants)).isZero();
    }

    @Test
    void selectedTenantShowsEnvironmentPerRegion() {
        // given
        controlPlane.tenants.add(tenant("acme"));
        controlPlane.environments.put(
                "acme",
                new TenantEnvironments(
                        "acme",
                        TenantStatus.READY,
                        List.of(new RegionEnvironment(
                                "eu-west-1",
                                "failed",
                                2,
                                1,
                                List.of(
                                        new ClusterEnvironment("eu-west-1-a", "applied", true, 7, 7, 0, List.of()),
                                        new ClusterEnvironment(
                                                "eu-west-1-b",
                                                "failed",
                                                true,
                                                7,
                                                6,
                                                1,
                                                List.of("ResourceQuota tenant-acme/tenant-quota: denied")))))));
        TenantsView view = open();

        // when
        view.tenants.select(controlPlane.tenants.get(0));

        // then
        assertThat(view.environmentsTitle.getText()).isEqualTo("Environments of acme");
        assertThat(GridKt._size(view.environments)).isEqualTo(1);
        assertThat(TenantsView.clusterDetails(GridKt._get(view.environments, 0)))
                .isEqualTo("eu-west-1-a applied; eu-west-1-b failed (1 drifted): ResourceQuota"
                        + " tenant-acme/tenant-quota: denied");
    }

    @Test
    void selectedTenantShowsSteps() {
        // given a tenant whose identity step fails
        controlPlane.tenants.add(tenant("acme"));
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        controlPlane.provisioning.put(
                "acme",
                new TenantProvisioning(
                        "acme",
                        TenantStatus.PROVISIONING,
                        "provision",
                        false,
                        List.of(
                                new TenantProvisioning.Step(
                                        "identity",
                                        "failing",
                                        3,
                                        "Keycloak did not complete the identity step",
                                        "Keycloak is unreachable: Connection refused",
                                        now,
                                        now,
                                        now.plusSeconds(8),
                                        null),
                                new TenantProvisioning.Step(
                                        "environment:eu-west-1",
                                        "done",
                                        0,
                                        "applied by 2 clusters in eu-west-1",
                                        null,
                                        now,
                                        now,
                                        null,
                                        now))));
        TenantsView view = open();

        // when
        view.tenants.select(controlPlane.tenants.get(0));

        // then
        assertThat(view.stepsTitle.getText()).isEqualTo("Steps of acme: provision, in progress");
        assertThat(GridKt._size(view.steps)).isEqualTo(2);
        assertThat(TenantsView.stepDetails(GridKt._get(view.steps, 0)))
                .isEqualTo("Keycloak did not complete the identity step. Error: Keycloak is unreachable:"
                        + " Connection refused");
        assertThat(TenantsView.stepDetails(GridKt._get(view.steps, 1))).isEqualTo("applied by 2 clusters in eu-west-1");
    }

    @Test
    void refreshShowsStatusChangedMeanwhile() {
        // given a selected tenant that is provisioning
        Tenant provisioning = withStatus(tenant("acme"), TenantStatus.PROVISIONING);
        controlPlane.tenants.add(provisioning);
        TenantsView view = open();
        view.tenants.select(provisioning);
        view.notice.setText("Tenant acme created: provisioning");

        // when its provisioning completes and the view refreshes
        controlPlane.tenants.set(0, tenant("acme"));
        view.refresh();

        // then the list shows it ready, still selected, and the notice stays
        assertThat(GridKt._get(view.tenants, 0).status()).isEqualTo(TenantStatus.READY);
        assertThat(view.tenants.asSingleSelect().getValue().slug()).isEqualTo("acme");
        assertThat(view.suspend.isEnabled()).isTrue();
        assertThat(view.notice.getText()).isEqualTo("Tenant acme created: provisioning");
    }

    @Test
    void refreshDropsRemovedTenant() {
        // given a selected tenant being deleted
        Tenant deleting = withStatus(tenant("acme"), TenantStatus.DELETING);
        controlPlane.tenants.add(deleting);
        TenantsView view = open();
        view.tenants.select(deleting);

        // when the deletion completes and the view refreshes
        controlPlane.tenants.clear();
        view.refresh();

        // then nothing is selected and the steps are hidden
        assertThat(GridKt._size(view.tenants)).isZero();
        assertThat(view.tenants.asSingleSelect().getValue()).isNull();
        assertThat(view.steps.isVisible()).isFalse();
    }

    private static Tenant withStatus(Tenant tenant, TenantStatus status) {
        return new Tenant(
                tenant.slug(),
                tenant.displayName(),
                tenant.tier(),
                tenant.residencyZones(),
                tenant.regions(),
                tenant.quota(),
                status,
                tenant.version(),
                tenant.createdAt(),
                tenant.updatedAt());
    }

    private TenantsView open() {
        TenantsView view = new TenantsView(controlPlane);
        UI.getCurrent().add(view);
        return view;
    }

    static Tenant tenant(String slug) {
        Instant at = Instant.parse("2026-12-05T10:00:00Z");
        return new Tenant(
                slug,
                slug,
                TenantTier.SHARED,
                List.of("EU"),
                List.of("eu-west-1"),
                null,
                TenantStatus.READY,
                1,
                at,
                at);
    }
}
