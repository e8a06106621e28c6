package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void barsScaleAndEscapeText() {
        // given
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        values.put("<eu>", Map.of("during", 100.0));
        values.put("us", Map.of("during", 50.0));

        // when
        String svg = SvgChart.bars("Share & more", values, " %");

        // then
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("role=\"img\"");
        assertThat(svg)
                .contains("<title>Share &amp; more</title>")
                .contains("&lt;eu&gt;")
                .doesNotContain("<eu>");
        // the plot is 184 units high: 100 fills it, 50 fills half
        assertThat(svg).contains("height=\"184.0\" fill=\"#1676f3\"").contains("height=\"92.0\" fill=\"#1676f3\"");
    }

    @Test
    void lineDrawsOnePointPerValueInOrder() {
        // given
        Map<String, Double> points = new LinkedHashMap<>();
        points.put("run 1", 0.4);
        points.put("run 2", 0.2);

        // when
        String svg = SvgChart.line("Recovery", points, " s");

        // then
        assertThat(svg).containsSubsequence("<title>run 1: 0.4 s</title>", "<title>run 2: 0.2 s</title>");
        assertThat(svg).contains("<path d=\"M56.0,76.8 L624.0,150.4\"");
    }

    @Test
    void emptyChartSaysSo() {
        // when / then
        assertThat(SvgChart.line("Recovery", Map.of(), " s")).contains("<desc>No values yet.</desc>");
    }

    @Test
    void scaleEndsAtRoundNumber() {
        // when / then
        assertThat(SvgChart.niceCeiling(0.4)).isEqualTo(0.5);
        assertThat(SvgChart.niceCeiling(100)).isEqualTo(100);
        assertThat(SvgChart.niceCeiling(130)).isEqualTo(200);
        assertThat(SvgChart.niceCeiling(7)).isEqualTo(10);
    }
}
