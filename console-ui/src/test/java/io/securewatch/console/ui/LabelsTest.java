package io.securewatch.console.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that every input of every view, open dialogs included, has a label that screen readers announce, and that
 * every button has a text or an ARIA label.
 */
class LabelsTest extends ViewTestSupport {

    /** Returns each view with a label it is known to show, which proves that the search reached its inputs. */
    static Stream<Arguments> views() {
        return Stream.of(
                Arguments.of("overview", null),
                Arguments.of("clusters", null),
                Arguments.of("tenants", "Residency zone"),
                Arguments.of("tenant wizard", "Slug"),
                Arguments.of("workloads", null),
                Arguments.of("services", null),
                Arguments.of("drills", null),
                Arguments.of("drill editor", "Name"),
                Arguments.of("audit", "Actor"));
    }

    @ParameterizedTest
    @MethodSource("views")
    void everyInputHasLabel(String name, String knownLabel) {
        // given
        controlPlane.regions.add(OverviewTest.region("eu-west-1", "EU"));
        controlPlane.clusters.add(OverviewTest.cluster("eu-west-1-a", "eu-west-1"));
        Supplier<Component> view = switch (name) {
            case "overview" -> () -> new OverviewView(controlPlane);
            case "clusters" -> () -> new ClustersView(controlPlane);
            case "tenants" -> () -> new TenantsView(controlPlane);
            case "tenant wizard" ->
                () -> {
                    TenantsView tenants = new TenantsView(controlPlane);
                    UI.getCurrent().add(tenants);
                    tenants.openWizard();
                    return tenants;
                };
            case "workloads" -> () -> new WorkloadsView(controlPlane);
            case "services" -> () -> new ServicesView(controlPlane);
            case "drills" -> () -> new DrillsView(controlPlane);
            case "drill editor" ->
                () -> {
                    DrillsView drills = new DrillsView(controlPlane);
                    UI.getCurrent().add(drills);
                    drills.create.click();
                    return drills;
                };
            case "audit" -> () -> new AuditView(controlPlane);
            default -> throw new IllegalArgumentException(name);
        };

        // when
        Component shown = view.get();
        if (shown.getParent().isEmpty()) {
            UI.getCurrent().add(shown);
        }

        // then
        List<Component> all = _find(UI.getCurrent(), Component.class);
        List<String> unlabelled = all.stream()
                .filter(component -> component instanceof HasValue<?, ?> && component instanceof HasLabel)
                .filter(component -> isBlank(((HasLabel) component).getLabel())
                        && isBlank(component.getElement().getAttribute("aria-label")))
                .map(component -> component.getClass().getSimpleName())
                .toList();
        List<String> silentButtons = all.stream()
                .filter(Button.class::isInstance)
                .map(Button.class::cast)
                .filter(button ->
                        isBlank(button.getText()) && button.getAriaLabel().isEmpty())
                .map(button -> "Button")
                .toList();
        assertThat(all).as("components found").hasSizeGreaterThan(3);
        if (knownLabel != null) {
            assertThat(all.stream()
                            .filter(HasLabel.class::isInstance)
                            .map(component -> ((HasLabel) component).getLabel()))
                    .contains(knownLabel);
        }
        assertThat(unlabelled).as("inputs without a label").isEmpty();
        assertThat(silentButtons).as("buttons without text").isEmpty();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
