package io.securewatch.controlplane.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingManifestsTest {

    private static final RoutingInput WEIGHTED = new RoutingInput(
            "shop",
            List.of(new RoutingInput.Region("eu-1", "dc-eu-1"), new RoutingInput.Region("us-1", "dc-us-1")),
            Strategy.WEIGHTED,
            Map.of("eu-1", 1, "us-1", 0),
            List.of(),
            null,
            1000,
            5000,
            null,
            null,
            "/ready");

    @Test
    void regionsGetTheirEntriesAndEdge() {
        // when
        Map<String, List<Manifest>> objects = RoutingManifests.perRegion(WEIGHTED);

        // then
        assertThat(objects).containsOnlyKeys("eu-1", "us-1");
        assertThat(objects.get("eu-1"))
                .extracting(
                        manifest -> manifest.ref().kind() + " " + manifest.ref().name())
                .containsExactly(
                        "ConsulConfigEntry service-defaults.shop",
                        "ConsulConfigEntry service-resolver.shop-eu-1",
                        "ConsulConfigEntry service-resolver.shop-us-1",
                        "ConsulConfigEntry service-resolver.shop",
                        "ConsulConfigEntry service-splitter.shop",
                        "EdgeBackend shop");
        Map<String, Object> spec = spec(objects.get("us-1").get(0));
        assertThat(spec).containsEntry("datacenter", "dc-us-1");
    }

    @Test
    void zeroWeightRegionIsDrained() {
        // when
        List<Manifest> usObjects = RoutingManifests.perRegion(WEIGHTED).get("us-1");

        // then
        Manifest edge = usObjects.get(usObjects.size() - 1);
        assertThat(spec(edge).get("servers"))
                .isEqualTo(List.of(
                        Map.of("name", "eu-1", "weight", 256, "state", "ready", "backup", false),
                        Map.of("name", "us-1", "weight", 0, "state", "drain", "backup", false)));
        assertThat(edge.body())
                .extracting("metadata")
                .extracting("labels")
                .isEqualTo(Map.of(
                        DesiredStateCompiler.MANAGED_BY_LABEL,
                        DesiredStateCompiler.MANAGED_BY_VALUE,
                        RoutingManifests.SERVICE_LABEL,
                        "shop"));
    }

    @Test
    void hashesFollowThePolicy() {
        // given
        RoutingInput shifted = new RoutingInput(
                "shop",
                WEIGHTED.regions(),
                Strategy.WEIGHTED,
                Map.of("eu-1", 1, "us-1", 1),
                List.of(),
                null,
                1000,
                5000,
                null,
                null,
                "/ready");

        // when
        List<Manifest> before = RoutingManifests.perRegion(WEIGHTED).get("eu-1");
        List<Manifest> again = RoutingManifests.perRegion(WEIGHTED).get("eu-1");
        List<Manifest> after = RoutingManifests.perRegion(shifted).get("eu-1");

        // then
        assertThat(again)
                .extracting(Manifest::contentHash)
                .isEqualTo(before.stream().map(Manifest::contentHash).toList());
        assertThat(after.get(after.size() - 1).contentHash())
                .isNotEqualTo(before.get(before.size() - 1).contentHash());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Manifest manifest) {
        return (Map<String, Object>) manifest.body().get("spec");
    }
}
