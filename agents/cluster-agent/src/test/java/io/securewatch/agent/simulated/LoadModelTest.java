package io.securewatch.agent.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.securewatch.agent.simulated.LoadModel.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load model of one workload, {@code shop/api}, whose pods request 500m CPU and 256 MiB each. */
class LoadModelTest {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final String NAMESPACE = "shop";
    private static final String NAME = "api";
    private static final Resources POD_REQUESTS = new Resources(500, 256L << 20);
    private static final Map<String, Integer> EQUAL_WEIGHTS =
            Map.of("eu-west-1", 85, "eu-central-1", 85, "us-east-1", 85);
    private static final Map<String, Integer> EU_WEST_DRAINED =
            Map.of("eu-west-1", 0, "eu-central-1", 128, "us-east-1", 128);

    private final LoadModel model = new LoadModel();

    @Test
    void equalWeightsKeepTheModelledLoad() {
        // given
        Resources demandWithoutEdge = model.demand(NAMESPACE, NAME, POD_REQUESTS, AT);
        double requestsWithoutEdge = model.requestsPerSecond(NAMESPACE, NAME, AT);

        // when
        model.setEdgeWeights(NAME, "eu-central-1", EQUAL_WEIGHTS);

        // then
        assertThat(model.demand(NAMESPACE, NAME, POD_REQUESTS, AT)).isEqualTo(demandWithoutEdge);
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isEqualTo(requestsWithoutEdge);
    }

    @Test
    void drainedRegionGetsNoLoad() {
        // when
        model.setEdgeWeights(NAME, "eu-west-1", EU_WEST_DRAINED);

        // then
        assertThat(model.demand(NAMESPACE, NAME, POD_REQUESTS, AT)).isEqualTo(new Resources(0, 0));
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isZero();
    }

    @Test
    void survivorsShareDrainedRegionLoad() {
        // given
        Resources demandWithoutEdge = model.demand(NAMESPACE, NAME, POD_REQUESTS, AT);
        double requestsWithoutEdge = model.requestsPerSecond(NAMESPACE, NAME, AT);

        // when
        model.setEdgeWeights(NAME, "us-east-1", EU_WEST_DRAINED);

        // then
        Resources demand = model.demand(NAMESPACE, NAME, POD_REQUESTS, AT);
        assertThat((double) demand.cpuMillis()).isCloseTo(demandWithoutEdge.cpuMillis() * 1.5, within(1.0));
        assertThat((double) demand.memoryBytes()).isCloseTo(demandWithoutEdge.memoryBytes() * 1.5, within(1.0));
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isCloseTo(requestsWithoutEdge * 1.5, within(1e-9));
    }

    @Test
    void unequalWeightsSplitTheLoadByShare() {
        // given
        model.setRequestRate(NAMESPACE, NAME, 100);

        // when: eu-west-1 has half of the total weight of three regions
        model.setEdgeWeights(NAME, "eu-west-1", Map.of("eu-west-1", 128, "eu-central-1", 77, "us-east-1", 51));

        // then
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isCloseTo(150, within(1e-9));
    }

    @Test
    void regionMissingFromSplitGetsNoLoad() {
        // when
        model.setEdgeWeights(NAME, "sa-east-1", EQUAL_WEIGHTS);

        // then
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isZero();
    }

    @Test
    void splitWithoutWeightGivesNoLoad() {
        // when: every region is drained
        model.setEdgeWeights(NAME, "eu-west-1", Map.of("eu-west-1", 0, "eu-central-1", 0, "us-east-1", 0));

        // then
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isZero();
    }

    @Test
    void removedEdgeRestoresTheModelledLoad() {
        // given
        double requestsWithoutEdge = model.requestsPerSecond(NAMESPACE, NAME, AT);
        model.setEdgeWeights(NAME, "eu-west-1", EU_WEST_DRAINED);

        // when
        model.removeEdgeWeights(NAME);

        // then
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isEqualTo(requestsWithoutEdge);
    }

    @Test
    void edgeOfAnotherServiceLeavesLoadAlone() {
        // given
        double requestsWithoutEdge = model.requestsPerSecond(NAMESPACE, NAME, AT);

        // when
        model.setEdgeWeights("checkout", "eu-west-1", EU_WEST_DRAINED);

        // then
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isEqualTo(requestsWithoutEdge);
    }

    @Test
    void fixedCpuAndMemoryDemandIsNotScaled() {
        // given
        model.setDemand(NAMESPACE, NAME, 350, 400L << 20);

        // when
        model.setEdgeWeights(NAME, "us-east-1", EU_WEST_DRAINED);

        // then
        assertThat(model.demand(NAMESPACE, NAME, POD_REQUESTS, AT)).isEqualTo(new Resources(350, 400L << 20));
    }

    @Test
    void fixedRequestRateIsScaled() {
        // given
        model.setRequestRate(NAMESPACE, NAME, 100);

        // when
        model.setEdgeWeights(NAME, "us-east-1", EU_WEST_DRAINED);

        // then
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isCloseTo(150, within(1e-9));
    }

    @Test
    void modelledRequestRateStaysWithinBounds() {
        // given: 0.3 to 1.5 times a base of 50 to 200 requests per second
        double lowest = Double.MAX_VALUE;
        double highest = 0;

        // when: sampled every minute over two hours, longer than the longest period of an hour
        for (int minute = 0; minute < 120; minute++) {
            double requests = model.requestsPerSecond(NAMESPACE, NAME, AT.plus(Duration.ofMinutes(minute)));
            lowest = Math.min(lowest, requests);
            highest = Math.max(highest, requests);
        }

        // then
        assertThat(lowest).isGreaterThanOrEqualTo(15);
        assertThat(highest).isLessThanOrEqualTo(300);
        assertThat(highest).as("the rate varies over time").isGreaterThan(lowest);
    }

    @Test
    void requestRateIsDeterministic() {
        // given
        LoadModel other = new LoadModel();

        // when
        double requests = model.requestsPerSecond(NAMESPACE, NAME, AT);

        // then
        assertThat(other.requestsPerSecond(NAMESPACE, NAME, AT)).isEqualTo(requests);
    }

    @Test
    void errorRateIsZeroUntilSet() {
        assertThat(model.errorRatePercent(NAMESPACE, NAME)).isZero();
    }

    @Test
    void errorRateIsReportedAsSet() {
        // when
        model.setErrorRate(NAMESPACE, NAME, 12.5);

        // then
        assertThat(model.errorRatePercent(NAMESPACE, NAME)).isEqualTo(12.5);
    }

    @Test
    void errorRateOutsidePercentRangeIsRejected() {
        for (double percent : new double[] {-0.1, 100.5, Double.NaN}) {
            assertThatThrownBy(() -> model.setErrorRate(NAMESPACE, NAME, percent))
                    .as("error rate %s", percent)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("error rate of shop/api must be between 0 and 100 percent, got " + percent);
        }
        assertThat(model.errorRatePercent(NAMESPACE, NAME)).isZero();
    }

    @Test
    void negativeRequestRateIsRejected() {
        assertThatThrownBy(() -> model.setRequestRate(NAMESPACE, NAME, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("request rate of shop/api must be a finite number of requests per second of at least 0,"
                        + " got -1.0");
    }

    @Test
    void infiniteRequestRateIsRejected() {
        assertThatThrownBy(() -> model.setRequestRate(NAMESPACE, NAME, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got Infinity");
    }

    @Test
    void scaleMultipliesModelledLoad() {
        // given
        Resources full = model.demand(NAMESPACE, NAME, POD_REQUESTS, AT);
        double fullRate = model.requestsPerSecond(NAMESPACE, NAME, AT);

        // when
        model.setScale(0.5);

        // then
        Resources half = model.demand(NAMESPACE, NAME, POD_REQUESTS, AT);
        assertThat(half.cpuMillis()).isCloseTo(full.cpuMillis() / 2, org.assertj.core.data.Offset.offset(1L));
        assertThat(half.memoryBytes()).isCloseTo(full.memoryBytes() / 2, org.assertj.core.data.Offset.offset(1L));
        assertThat(model.requestsPerSecond(NAMESPACE, NAME, AT)).isEqualTo(fullRate / 2);
    }

    @Test
    void scaleLeavesFixedDemandAlone() {
        // given
        model.setDemand(NAMESPACE, NAME, 700, 1000);

        // when
        model.setScale(0.25);

        // then
        assertThat(model.demand(NAMESPACE, NAME, POD_REQUESTS, AT)).isEqualTo(new Resources(700, 1000));
    }

    @Test
    void negativeScaleIsRejected() {
        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.setScale(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("load scale must be a finite number of at least 0, got -1.0");
    }
}
