package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.Test;

/** Checks that each view offers only the changes the API allows the signed-in user's role. */
class RoleActionsTest extends ViewTestSupport {

    @Test
    void viewerGetsNoChangeActions() {
        // given
        signInAs("viewer");

        // when
        TenantsView tenants = add(new TenantsView(controlPlane));
        DrillsView drills = add(new DrillsView(controlPlane));
        ClustersView clusters = add(new ClustersView(controlPlane));
        RoutingEditor routing = add(new RoutingEditor(controlPlane));

        // then
        assertThat(tenants.create.isVisible()).isFalse();
        assertThat(tenants.suspend.isVisible()).isFalse();
        assertThat(drills.killSwitch.getParent().orElseThrow().isVisible()).isFalse();
        assertThat(drills.create.getParent().orElseThrow().isVisible()).isFalse();
        assertThat(clusters.createToken.isVisible()).isFalse();
        assertThat(routing.save.isVisible()).isFalse();
        assertThat(routing.preview.isVisible()).isTrue();
    }

    @Test
    void operatorMaySuspendButNotCreateTenants() {
        // given
        signInAs("operator");

        // when
        TenantsView tenants = add(new TenantsView(controlPlane));

        // then
        assertThat(tenants.create.isVisible()).isFalse();
        assertThat(tenants.delete.isVisible()).isFalse();
        assertThat(tenants.suspend.isVisible()).isTrue();
        assertThat(tenants.resume.isVisible()).isTrue();
    }

    @Test
    void tenantAdminMayEditOwnPolicies() {
        // given
        signInAsTenantAdmin();

        // when
        ScalingEditor scaling = add(new ScalingEditor(controlPlane));
        TenantsView tenants = add(new TenantsView(controlPlane));

        // then
        assertThat(scaling.save.isVisible()).isTrue();
        assertThat(tenants.suspend.isVisible()).isFalse();
    }

    private static <T extends com.vaadin.flow.component.Component> T add(T component) {
        UI.getCurrent().add(component);
        return component;
    }
}
