package io.securewatch.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks that the control-plane chart agrees with the platform API's reference manifest (securewatch-api: a
 * Deployment, a Service and a HorizontalPodAutoscaler) where both describe the same thing. The manifest is the copy
 * in the control plane's demo resources, which the demo imports; the build passes its path.
 *
 * <p>Labels differ on purpose: the chart selects pods by app.kubernetes.io/name and app.kubernetes.io/instance,
 * where the reference manifest uses a bare {@code app} label. The manifest's DB_HOST and DB_PASSWORD variables and
 * its /app/config volume are not read by the control plane, which takes QUARKUS_DATASOURCE_* variables instead.
 */
class ReferenceManifestAgreementTest {

    private static Manifests reference;
    private static Manifests chart;

    @BeforeAll
    static void render() throws IOException {
        Path manifest = Path.of(System.getProperty(
                "securewatch.reference.manifest",
                "../control-plane/server/src/main/resources/demo/securewatch-api.yaml"));
        reference = Charts.manifests(Files.readString(manifest));
        chart = Charts.manifests(Charts.template(Charts.CONTROL_PLANE, Map.of()));
    }

    @Test
    void replicasAndStrategyAgree() {
        // given
        Manifest expected = reference.only("Deployment");

        // when
        Manifest actual = chart.only("Deployment");

        // then
        assertThat(actual.get("spec.replicas")).isEqualTo(expected.get("spec.replicas"));
        assertThat(actual.get("spec.strategy")).isEqualTo(expected.get("spec.strategy"));
    }

    @Test
    void containerPortAndResourcesAgree() {
        // given
        Manifest expected = reference.only("Deployment").at("spec.template.spec.containers[0]");

        // when
        Manifest actual = chart.only("Deployment").at("spec.template.spec.containers[0]");

        // then
        assertThat(actual.get("ports[0].containerPort")).isEqualTo(expected.get("ports[0].containerPort"));
        assertThat(actual.get("resources")).isEqualTo(expected.get("resources"));
    }

    @Test
    void probesAgree() {
        // given
        Manifest expected = reference.only("Deployment").at("spec.template.spec.containers[0]");

        // when
        Manifest actual = chart.only("Deployment").at("spec.template.spec.containers[0]");

        // then
        for (String probe : new String[] {"readinessProbe", "livenessProbe"}) {
            assertThat(actual.get(probe + ".httpGet.path"))
                    .as(probe + " path")
                    .isEqualTo(expected.get(probe + ".httpGet.path"));
            assertThat(portNumber(actual, probe)).as(probe + " port").isEqualTo(portNumber(expected, probe));
            assertThat(actual.get(probe + ".initialDelaySeconds"))
                    .as(probe + " initialDelaySeconds")
                    .isEqualTo(expected.get(probe + ".initialDelaySeconds"));
            assertThat(actual.get(probe + ".periodSeconds"))
                    .as(probe + " periodSeconds")
                    .isEqualTo(expected.get(probe + ".periodSeconds"));
        }
    }

    @Test
    void servicePortsAgree() {
        // given
        Manifest expected = reference.only("Service");

        // when
        Manifest actual = chart.only("Service");

        // then
        Manifest container = chart.only("Deployment").at("spec.template.spec.containers[0]");
        String targetPort = actual.string("spec.ports[name=http].targetPort");
        assertThat(actual.get("spec.type")).isEqualTo(expected.get("spec.type"));
        assertThat(actual.get("spec.ports[name=http].port")).isEqualTo(expected.get("spec.ports[0].port"));
        assertThat(container.get("ports[name=" + targetPort + "].containerPort"))
                .isEqualTo(expected.get("spec.ports[0].targetPort"));
    }

    @Test
    void autoscalerAgrees() {
        // given
        Manifest expected = reference.only("HorizontalPodAutoscaler");

        // when
        Manifest actual = chart.only("HorizontalPodAutoscaler");

        // then
        assertThat(actual.get("apiVersion")).isEqualTo(expected.get("apiVersion"));
        assertThat(actual.get("spec.scaleTargetRef.kind")).isEqualTo(expected.get("spec.scaleTargetRef.kind"));
        assertThat(actual.get("spec.minReplicas")).isEqualTo(expected.get("spec.minReplicas"));
        assertThat(actual.get("spec.maxReplicas")).isEqualTo(expected.get("spec.maxReplicas"));
        assertThat(actual.get("spec.metrics")).isEqualTo(expected.get("spec.metrics"));
    }

    /** Returns a probe's port as a number, resolving a named port through the container's ports. */
    private static Object portNumber(Manifest container, String probe) {
        Object port = container.get(probe + ".httpGet.port");
        if (port instanceof String name) {
            return container.get("ports[name=" + name + "].containerPort");
        }
        return port;
    }
}
