package io.securewatch.controlplane.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimaryRegionTest {

    private static final List<String> REGIONS = List.of("eu-central-1", "eu-west-1", "us-east-1");

    @Test
    void weightedPicksHeaviestRegion() {
        // when
        PrimaryRegion.Result result = PrimaryRegion.of(
                "WEIGHTED", Map.of("eu-west-1", 50, "eu-central-1", 30, "us-east-1", 20), List.of(), REGIONS);

        // then
        assertThat(result).isEqualTo(PrimaryRegion.Result.of("eu-west-1"));
    }

    @Test
    void equalWeightsPickFirstName() {
        // when
        PrimaryRegion.Result result =
                PrimaryRegion.of("WEIGHTED", Map.of("us-east-1", 40, "eu-west-1", 40), List.of(), REGIONS);

        // then
        assertThat(result.region()).isEqualTo("eu-west-1");
    }

    @Test
    void localityFirstPicksFirstFailoverRegion() {
        // when
        PrimaryRegion.Result result =
                PrimaryRegion.of("LOCALITY_FIRST", Map.of(), List.of("us-west-2", "eu-central-1"), REGIONS);

        // then: us-west-2 is not a region of the service
        assertThat(result.region()).isEqualTo("eu-central-1");
    }

    @Test
    void noPolicyHasNoPrimary() {
        // when
        PrimaryRegion.Result result = PrimaryRegion.of(null, Map.of(), List.of(), REGIONS);

        // then
        assertThat(result.region()).isNull();
        assertThat(result.problem())
                .isEqualTo("has no routing policy, so no region serves most of its traffic; PUT a routing policy"
                        + " first");
    }

    @Test
    void localityFirstWithoutOrderHasNoPrimary() {
        // when
        PrimaryRegion.Result result = PrimaryRegion.of("LOCALITY_FIRST", Map.of(), List.of(), REGIONS);

        // then
        assertThat(result.region()).isNull();
        assertThat(result.problem()).startsWith("is locality-first with no failover order");
    }
}
