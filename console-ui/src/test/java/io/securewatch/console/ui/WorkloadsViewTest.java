package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.securewatch.api.v1.Workload;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadCapacity.FailureImpact;
import io.securewatch.api.v1.WorkloadCapacity.RegionCapacity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadsViewTest extends ViewTestSupport {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void selectingWorkloadShowsCapacityPerRegion() {
        // given
        Workload api = new Workload(
                "securewatch-api",
                null,
                "securewatch",
                List.of("eu-west-1", "us-east-1"),
                Map.of(),
                Map.of(),
                null,
                List.of(),
                List.of(),
                1,
                AT,
                AT);
        controlPlane.workloads.add(api);
        controlPlane.capacities.put(
                "securewatch-api",
                new WorkloadCapacity(
                        "securewatch-api",
                        true,
                        70,
                        null,
                        20,
                        6.5,
                        List.of(
                                region("eu-west-1", new FailureImpact(8, 10, true, 0)),
                                region("us-east-1", new FailureImpact(8, 6, false, 2))),
                        AT));
        WorkloadsView view = new WorkloadsView(controlPlane);
        UI.getCurrent().add(view);

        // when
        view.workloads.select(api);

        // then
        assertThat(view.capacityTitle.getText()).isEqualTo("Capacity of securewatch-api");
        assertThat(view.capacitySummary.getText())
                .isEqualTo("Load of 6.5 replicas at the CPU target of 70 %, with a scaling policy; failover headroom"
                        + " 20 %.");
        assertThat(GridKt._size(view.regions)).isEqualTo(2);
        assertThat(WorkloadsView.ifRegionFails(GridKt._get(view.regions, 1)))
                .isEqualTo("short by 2 replicas (8 needed, 6 allowed)");
        assertThat(WorkloadsView.ifRegionFails(GridKt._get(view.regions, 0)))
                .isEqualTo("others carry it (8 needed, 10 allowed)");
    }

    private static RegionCapacity region(String name, FailureImpact impact) {
        return new RegionCapacity(name, 2, 2, 1, 10, 4, 4, 55.0, 40.0, 3.2, "reported", impact);
    }

    @Test
    void shortfallOfOneReplicaIsSingular() {
        // given a region whose failure leaves the others one replica short
        WorkloadCapacity.RegionCapacity region = new WorkloadCapacity.RegionCapacity(
                "eu-west-1",
                1,
                1,
                1,
                4,
                3,
                3,
                null,
                null,
                3.0,
                "cpu",
                new WorkloadCapacity.FailureImpact(5, 4, false, 1));

        // when, then
        assertThat(WorkloadsView.ifRegionFails(region)).isEqualTo("short by 1 replica (5 needed, 4 allowed)");
    }
}
