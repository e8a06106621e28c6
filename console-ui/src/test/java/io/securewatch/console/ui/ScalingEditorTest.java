package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.securewatch.api.v1.Problem;
import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.ScalingPolicy;
import io.securewatch.api.v1.ScalingPreview;
import io.securewatch.api.v1.ScalingPreview.ClusterShare;
import io.securewatch.api.v1.Workload;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.console.api.ApiError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScalingEditorTest extends ViewTestSupport {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    private ScalingEditor editor;

    @BeforeEach
    void openWorkloadWithPolicy() {
        controlPlane.workloads.add(new Workload(
                "checkout",
                "acme",
                "tenant-acme",
                List.of("eu-west-1", "us-east-1"),
                Map.of(),
                Map.of(),
                null,
                List.of(),
                List.of(),
                1,
                AT,
                AT));
        controlPlane.scalingPolicies.put(
                "checkout",
                new ScalingPolicy(
                        "checkout",
                        4,
                        12,
                        70,
                        null,
                        null,
                        20,
                        Map.of("us-east-1", new ReplicaBounds(1, 3)),
                        2,
                        AT,
                        AT));
        controlPlane.scalingPreview = new ScalingPreview(
                "checkout",
                List.of(
                        new ClusterShare(
                                "eu-west-1-a",
                                "eu-west-1",
                                3,
                                9,
                                Map.of(
                                        "kind",
                                        "HorizontalPodAutoscaler",
                                        "spec",
                                        Map.of("minReplicas", 3, "maxReplicas", 9)),
                                null),
                        new ClusterShare("us-east-1-a", "us-east-1", 0, 0, null, "no replica in this cluster")));
        controlPlane.capacities.put(
                "checkout", new WorkloadCapacity("checkout", true, 70, null, 20, 6.5, List.of(), AT));
        WorkloadsView view = new WorkloadsView(controlPlane);
        UI.getCurrent().add(view);
        view.workloads.select(controlPlane.workloads.get(0));
        editor = view.scaling;
    }

    @Test
    void selectedWorkloadLoadsItsPolicy() {
        // then
        assertThat(editor.isVisible()).isTrue();
        assertThat(editor.title.getText()).isEqualTo("Scaling of checkout, version 2");
        assertThat(editor.minReplicas.getValue()).isEqualTo(4);
        assertThat(editor.headroom.getValue()).isEqualTo(20);
        assertThat(editor.pinnedMax.get("us-east-1").getValue()).isEqualTo(3);
        assertThat(editor.pinnedMin.get("eu-west-1").getValue()).isNull();
    }

    @Test
    void previewShowsEachClustersAutoscaler() {
        // given
        editor.maxReplicas.setValue(16);

        // when
        editor.preview();

        // then
        assertThat(controlPlane.scalingPreviews).singleElement().satisfies(request -> {
            assertThat(request.maxReplicas()).isEqualTo(16);
            assertThat(request.regionOverrides()).containsOnlyKeys("us-east-1");
        });
        assertThat(GridKt._size(editor.clusters)).isEqualTo(2);
        assertThat(ScalingEditor.autoscaler(GridKt._get(editor.clusters, 0))).isEqualTo("HPA 3 to 9 replicas");
        assertThat(ScalingEditor.autoscaler(GridKt._get(editor.clusters, 1))).isEqualTo("no replica in this cluster");
        assertThat(editor.autoscalers.getComponentCount()).isEqualTo(2);
        assertThat(controlPlane.puts).isEmpty();
    }

    @Test
    void saveSendsTheLoadedVersion() {
        // given
        editor.pinnedMin.get("us-east-1").clear();
        editor.pinnedMax.get("us-east-1").clear();

        // when
        editor.save();

        // then
        assertThat(controlPlane.puts).containsExactly("checkout at 2");
        assertThat(controlPlane.scalingPolicies.get("checkout").regionOverrides())
                .isNull();
        assertThat(editor.title.getText()).isEqualTo("Scaling of checkout, version 3");
    }

    @Test
    void apiRejectionShowsAtThePinnedRegion() {
        // given
        controlPlane.failure = new ApiError(
                400,
                "the request is not valid",
                List.of(new Problem.FieldError(
                        "regionOverrides[us-east-1].maxReplicas", "must be at least minReplicas (5)")));

        // when
        editor.preview();

        // then
        assertThat(editor.pinnedMax.get("us-east-1").isInvalid()).isTrue();
        assertThat(editor.pinnedMax.get("us-east-1").getErrorMessage()).isEqualTo("must be at least minReplicas (5)");
        assertThat(editor.pinnedMin.get("us-east-1").isInvalid()).isFalse();
        assertThat(editor.message.getText()).isEmpty();
    }
}
