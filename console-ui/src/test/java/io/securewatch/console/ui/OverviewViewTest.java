package io.securewatch.console.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import io.securewatch.console.api.ApiError;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewViewTest extends ViewTestSupport {

    @Test
    void showsOneGridPerZone() {
        // given
        controlPlane.regions.addAll(
                List.of(OverviewTest.region("eu-west-1", "EU"), OverviewTest.region("us-east-1", "US")));
        controlPlane.clusters.addAll(List.of(
                OverviewTest.cluster("eu-west-1-a", "eu-west-1"), OverviewTest.cluster("us-east-1-a", "us-east-1")));
        controlPlane.statuses.put(
                "eu-west-1-a", OverviewTest.status("eu-west-1-a", true, 0, OverviewTest.NOW.minusSeconds(3)));

        // when
        OverviewView view = new OverviewView(controlPlane, Clock.fixed(OverviewTest.NOW, ZoneOffset.UTC));
        UI.getCurrent().add(view);

        // then
        assertThat(_find(view.zones, H3.class)).extracting(H3::getText).containsExactly("Zone EU", "Zone US");
        assertThat(_find(view, Grid.class)).hasSize(2);
        assertThat(view.error.isVisible()).isFalse();
    }

    @Test
    void refreshShowsDrillsAndChanges() {
        // given
        controlPlane.regions.add(OverviewTest.region("eu-west-1", "EU"));
        controlPlane.clusters.add(OverviewTest.cluster("eu-west-1-a", "eu-west-1"));
        OverviewView view = new OverviewView(controlPlane, Clock.fixed(OverviewTest.NOW, ZoneOffset.UTC));
        UI.getCurrent().add(view);
        assertThat(text(view.runningDrills)).containsExactly("No drill is running.");
        controlPlane.statuses.put(
                "eu-west-1-a", OverviewTest.status("eu-west-1-a", true, 0, OverviewTest.NOW.minusSeconds(3)));
        controlPlane.drills.add(new io.securewatch.api.v1.Drill(
                "evacuate-eu-west-1",
                io.securewatch.api.v1.DrillRequest.Type.REGION_EVACUATION,
                "eu-west-1",
                null,
                null,
                io.securewatch.api.v1.DrillRequest.Mode.LIVE,
                null,
                "admin",
                1,
                OverviewTest.NOW,
                OverviewTest.NOW));
        controlPlane.runs.put(
                "evacuate-eu-west-1",
                List.of(new io.securewatch.api.v1.DrillRun(
                        "evacuate-eu-west-1",
                        7,
                        false,
                        io.securewatch.api.v1.DrillRun.Status.RUNNING,
                        "eu-west-1",
                        "operator",
                        OverviewTest.NOW,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(new io.securewatch.api.v1.DrillRun.Step(
                                "observe", "running", OverviewTest.NOW, null, null, null, null, null)),
                        null,
                        List.of())));
        controlPlane.auditEvents.add(new io.securewatch.api.v1.AuditEvent(
                1,
                OverviewTest.NOW,
                "operator",
                "start",
                "drill",
                "evacuate-eu-west-1/7",
                null,
                "r-1",
                "127.0.0.1",
                null,
                null,
                java.util.Map.of(),
                java.util.Map.of()));

        // when
        view.refresh();

        // then
        assertThat(text(view.runningDrills))
                .containsExactly("evacuate-eu-west-1/7: running, step observe (started by operator at "
                        + "2026-12-05 10:00:00 UTC)");
        assertThat(text(view.recentEvents))
                .containsExactly("2026-12-05 10:00:00 operator start drill evacuate-eu-west-1/7");
        assertThat(_find(view, Grid.class)).hasSize(1);
    }

    private static List<String> text(com.vaadin.flow.component.html.UnorderedList list) {
        return list.getChildren().map(item -> item.getElement().getText()).toList();
    }

    @Test
    void tenantAdminSeesOwnTenant() {
        // given
        signInAsTenantAdmin();
        controlPlane.tenants.add(TenantsViewTest.tenant("acme"));

        // when
        OverviewView view = new OverviewView(controlPlane, Clock.fixed(OverviewTest.NOW, ZoneOffset.UTC));
        UI.getCurrent().add(view);

        // then
        assertThat(_find(view.zones, H3.class)).extracting(H3::getText).containsExactly("Tenant acme", "Services");
        assertThat(_find(view, H3.class)).extracting(H3::getText).doesNotContain("Drills running");
        assertThat(text(view.recentEvents)).containsExactly("No changes recorded yet.");
        assertThat(view.error.isVisible()).isFalse();
    }

    @Test
    void apiErrorShowsInApiWords() {
        // given
        controlPlane.failure = new ApiError(403, "role tenant-admin may not list clusters", List.of());

        // when
        OverviewView view = new OverviewView(controlPlane, Clock.systemUTC());
        UI.getCurrent().add(view);

        // then
        assertThat(view.error.isVisible()).isTrue();
        assertThat(view.error.getText()).isEqualTo("role tenant-admin may not list clusters");
        assertThat(_find(view, Grid.class)).isEmpty();
    }
}
