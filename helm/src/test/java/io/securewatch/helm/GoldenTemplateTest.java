package io.securewatch.helm;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every chart with its default values and with its production example, and compares the output with the
 * golden files, so that every change to a rendered object shows up in review.
 */
class GoldenTemplateTest {

    static Stream<Arguments> charts() {
        return Charts.ALL.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void defaultValuesRenderAsGolden(String chart) {
        // given the chart's values.yaml only
        // when
        String rendered = Charts.template(chart, Map.of());

        // then
        GoldenFiles.assertMatches(chart + "/default.yaml", rendered);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void productionValuesRenderAsGolden(String chart) {
        // given the chart's values-production.yaml
        // when
        String rendered = Charts.templateProduction(chart, Map.of());

        // then
        GoldenFiles.assertMatches(chart + "/production.yaml", rendered);
    }
}
