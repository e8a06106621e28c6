package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.details.Details;
import io.securewatch.api.v1.CatalogService;
import io.securewatch.api.v1.CatalogService.CatalogRegion;
import io.securewatch.api.v1.KubernetesService;
import io.securewatch.api.v1.Problem;
import io.securewatch.api.v1.RenderedRouting;
import io.securewatch.api.v1.RenderedRouting.HaproxyBackend;
import io.securewatch.api.v1.RoutingPolicy;
import io.securewatch.api.v1.RoutingPolicyRequest;
import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import io.securewatch.api.v1.Workload;
import io.securewatch.console.api.ApiError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServicesViewTest extends ViewTestSupport {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @BeforeEach
    void givenServiceInTwoRegions() {
        controlPlane.workloads.add(workload("checkout", true));
        controlPlane.workloads.add(workload("batch", false));
        controlPlane.catalog.add(new CatalogService(
                "checkout",
                "acme",
                List.of(
                        new CatalogRegion("us-east-1", 2, 1, AT, true, 45L, null, "closed"),
                        new CatalogRegion("eu-west-1", 3, 3, AT, false, null, null, "closed")),
                List.of()));
        controlPlane.catalog.add(new CatalogService("consul", null, List.of(), List.of()));
        controlPlane.policies.put(
                "checkout",
                new RoutingPolicy(
                        "checkout",
                        Strategy.WEIGHTED,
                        Map.of("eu-west-1", 3, "us-east-1", 1),
                        null,
                        null,
                        5000,
                        15000,
                        new RoutingPolicyRequest.Retries(2, null, 20),
                        null,
                        4,
                        AT,
                        AT));
        controlPlane.rendered = new RenderedRouting(
                "checkout",
                Map.of("eu-west-1", List.of(Map.of("Kind", "service-splitter", "Name", "checkout"))),
                Map.of(
                        "eu-west-1",
                        new HaproxyBackend(
                                "be_checkout",
                                List.of(),
                                List.of("set server be_checkout/us-east-1 weight 128"),
                                "backend be_checkout\n  balance roundrobin")));
    }

    @Test
    void listsServicesWithRegionHealth() {
        // when
        ServicesView view = open();

        // then
        assertThat(GridKt._size(view.services)).isEqualTo(2);
        ServiceRow checkout = GridKt._get(view.services, 0);
        assertThat(checkout.name()).isEqualTo("checkout");
        assertThat(checkout.routable()).isTrue();
        assertThat(checkout.health()).isEqualTo("eu-west-1 3/3 healthy; us-east-1 1/2 healthy, stale for 45 s");
        assertThat(GridKt._get(view.services, 1).routable()).isFalse();
    }

    @Test
    void selectingServiceLoadsItsPolicy() {
        // given
        ServicesView view = open();

        // when
        view.services.select(GridKt._get(view.services, 0));

        // then
        RoutingEditor editor = view.editor;
        assertThat(editor.isVisible()).isTrue();
        assertThat(editor.title.getText()).isEqualTo("Routing of checkout, version 4");
        assertThat(editor.weights.get("eu-west-1").getValue()).isEqualTo(3);
        assertThat(editor.weights.get("us-east-1").getValue()).isEqualTo(1);
        assertThat(editor.failoverOrder.isVisible()).isFalse();
    }

    @Test
    void previewShowsRenderedConfigurationPerRegion() {
        // given
        RoutingEditor editor = openEditor();
        editor.weights.get("us-east-1").setValue(2);

        // when
        editor.preview();

        // then
        assertThat(controlPlane.previews).singleElement().satisfies(request -> {
            assertThat(request.weights()).containsEntry("us-east-1", 2).containsEntry("eu-west-1", 3);
            assertThat(request.retries()).as("kept as stored").isEqualTo(new RoutingPolicyRequest.Retries(2, null, 20));
        });
        List<String> summaries = editor.rendered
                .getChildren()
                .filter(Details.class::isInstance)
                .map(details -> ((Details) details).getSummaryText())
                .toList();
        assertThat(summaries)
                .containsExactly("Consul config entries in eu-west-1", "HAProxy backend be_checkout in eu-west-1");
        assertThat(controlPlane.puts).isEmpty();
    }

    @Test
    void saveSendsTheLoadedVersion() {
        // given
        RoutingEditor editor = openEditor();
        editor.strategy.setValue(Strategy.LOCALITY_FIRST);
        editor.failoverOrder.setValue("us-east-1, eu-west-1");

        // when
        editor.save();

        // then
        assertThat(controlPlane.puts).containsExactly("checkout at 4");
        assertThat(controlPlane.policies.get("checkout").failoverOrder()).containsExactly("us-east-1", "eu-west-1");
        assertThat(controlPlane.policies.get("checkout").weights()).isNull();
        assertThat(editor.title.getText()).isEqualTo("Routing of checkout, version 5");
    }

    @Test
    void apiRejectionShowsAtTheRegionsWeight() {
        // given
        RoutingEditor editor = openEditor();
        controlPlane.failure = new ApiError(
                400,
                "the request is not valid",
                List.of(new Problem.FieldError(
                        "weights[us-east-1]",
                        "region 'us-east-1' lies in residency zone US, outside the tenant's zones [EU]")));

        // when
        editor.preview();

        // then
        assertThat(editor.weights.get("us-east-1").isInvalid()).isTrue();
        assertThat(editor.weights.get("us-east-1").getErrorMessage()).contains("outside the tenant's zones [EU]");
        assertThat(editor.weights.get("eu-west-1").isInvalid()).isFalse();
        assertThat(editor.message.getText()).isEmpty();
    }

    @Test
    void catalogOnlyServiceCannotBeRouted() {
        // given
        ServicesView view = open();

        // when
        view.services.select(GridKt._get(view.services, 1));

        // then
        assertThat(view.editor.isVisible()).isFalse();
        assertThat(view.message.getText()).contains("only in Consul's catalog");
    }

    private RoutingEditor openEditor() {
        ServicesView view = open();
        view.services.select(GridKt._get(view.services, 0));
        return view.editor;
    }

    private ServicesView open() {
        ServicesView view = new ServicesView(controlPlane);
        UI.getCurrent().add(view);
        return view;
    }

    private static Workload workload(String name, boolean withService) {
        return new Workload(
                name,
                "acme",
                "tenant-acme",
                List.of("eu-west-1", "us-east-1"),
                Map.of(),
                Map.of(),
                withService ? new KubernetesService(name, Map.of()) : null,
                List.of(),
                List.of(),
                1,
                AT,
                AT);
    }
}
