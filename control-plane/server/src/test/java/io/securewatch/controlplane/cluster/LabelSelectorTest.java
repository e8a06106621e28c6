package io.securewatch.controlplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securewatch.controlplane.web.ApiException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    @Test
    void prefixedKeyAndEmptyValueAreAccepted() {
        List<LabelSelector> selectors = LabelSelector.parseAll(List.of("example.com/team=payments", "canary="));

        assertThat(selectors)
                .containsExactly(new LabelSelector("example.com/team", "payments"), new LabelSelector("canary", ""));
    }

    @Test
    void selectorWithoutEqualsSignIsRejected() {
        assertThatThrownBy(() -> LabelSelector.parseAll(List.of("tier"))).isInstanceOf(ApiException.class);
    }

    @Test
    void invalidKeyOrValueIsRejected() {
        for (String selector : List.of("bad key=v", "k=bad value", "=v", "k=" + "v".repeat(64))) {
            assertThatThrownBy(() -> LabelSelector.parseAll(List.of(selector)))
                    .as(selector)
                    .isInstanceOf(ApiException.class);
        }
    }

    @Test
    void tooManySelectorsAreRejected() {
        List<String> selectors = Collections.nCopies(LabelSelector.MAX_SELECTORS + 1, "a=b");

        assertThatThrownBy(() -> LabelSelector.parseAll(selectors)).isInstanceOf(ApiException.class);
    }
}
