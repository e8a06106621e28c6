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
        assertThat(_find(view, H3.class)).extracting(H3::getText).containsExactly("Zone EU", "Zone US");
        assertThat(_find(view, Grid.class)).hasSize(2);
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
