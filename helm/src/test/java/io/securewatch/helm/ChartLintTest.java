package io.securewatch.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code helm lint --strict}, which fails on warnings as well as errors, on every chart. */
class ChartLintTest {

    @TempDir
    Path work;

    static Stream<Arguments> charts() {
        return Charts.ALL.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("charts")
    void strictLintPassesWithDefaultValues(String chart) {
        // given the chart as it is
        // when
        LintResult result = Charts.lintStrict(chart, null, work);

        // then
        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]"));
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]"));
    }

    @ParameterizedTest
    @MethodSource("charts")
    void strictLintPassesWithProductionValues(String chart) {
        // given the production example laid over the chart's values
        // when
        LintResult result = Charts.lintStrict(chart, Charts.productionValues(chart), work);

        // then
        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]"));
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]"));
    }
}
