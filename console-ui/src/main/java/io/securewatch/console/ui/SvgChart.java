package io.securewatch.console.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Charts drawn as SVG on the server: grouped bars and a line over points. The result is one {@code <svg>} element
 * with a title and a description for screen readers, and every text escaped.
 */
final class SvgChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 280;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 40;
    private static final int BOTTOM = 56;
    private static final String[] COLOURS = {"#1676f3", "#e8a317", "#2e9e5b", "#c5384b", "#7b4fd1", "#00838f"};

    private SvgChart() {}

    /**
     * Draws one group of bars per category, one bar per series, on a scale from 0 to the largest value.
     *
     * @param values category to series to value, in the order to draw them
     * @param unit appended to the axis labels, such as {@code %}
     */
    static String bars(String title, Map<String, Map<String, Double>> values, String unit) {
        Set<String> series = new LinkedHashSet<>();
        values.values().forEach(group -> series.addAll(group.keySet()));
        double max = Math.max(
                1e-9,
                values.values().stream()
                        .flatMap(group -> group.values().stream())
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(0));
        double top = niceCeiling(max);
        StringBuilder svg = open(title, describeBars(values, unit));
        axes(svg, top, unit);

        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double groupWidth = values.isEmpty() ? plotWidth : (double) plotWidth / values.size();
        double barWidth = groupWidth * 0.8 / Math.max(1, series.size());

        int group = 0;
        for (Map.Entry<String, Map<String, Double>> category : values.entrySet()) {
            double groupLeft = LEFT + group * groupWidth + groupWidth * 0.1;
            int index = 0;
            for (String name : series) {
                double value = category.getValue().getOrDefault(name, 0.0);
                double height = plotHeight * value / top;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                        groupLeft + index * barWidth,
                        TOP + plotHeight - height,
                        Math.max(1, barWidth - 2),
                        height,
                        COLOURS[index % COLOURS.length],
                        escape(category.getKey() + ", " + name + ": " + number(value) + unit)));
                index++;
            }
            text(svg, groupLeft + groupWidth * 0.4, HEIGHT - BOTTOM + 18, "middle", category.getKey());
            group++;
        }

        legend(svg, new ArrayList<>(series));
        return svg.append("</svg>").toString();
    }

    /**
     * Draws a line through the points, in the order given, on a scale from 0 to the largest value.
     *
     * @param points label on the horizontal axis to value
     */
    static String line(String title, Map<String, Double> points, String unit) {
        double max = Math.max(
                1e-9,
                points.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
        double top = niceCeiling(max);
        StringBuilder description = new StringBuilder();
        points.forEach((label, value) -> description
                .append(description.isEmpty() ? "" : "; ")
                .append(label)
                .append(": ")
                .append(number(value))
                .append(unit));
        StringBuilder svg = open(title, description.isEmpty() ? "No values yet." : description.toString());
        axes(svg, top, unit);

        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double step = points.size() <= 1 ? 0 : (double) plotWidth / (points.size() - 1);

        StringBuilder path = new StringBuilder();
        int index = 0;
        for (Map.Entry<String, Double> point : points.entrySet()) {
            double x = points.size() == 1 ? LEFT + plotWidth / 2.0 : LEFT + index * step;
            double y = TOP + plotHeight - plotHeight * point.getValue() / top;
            path.append(String.format(Locale.ROOT, "%s%.1f,%.1f", index == 0 ? "M" : " L", x, y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s</title></circle>",
                    x,
                    y,
                    COLOURS[0],
                    escape(point.getKey() + ": " + number(point.getValue()) + unit)));
            text(svg, x, HEIGHT - BOTTOM + 18, "middle", point.getKey());
            index++;
        }
        if (!path.isEmpty()) {
            svg.append("<path d=\"")
                    .append(path)
                    .append("\" fill=\"none\" stroke=\"")
                    .append(COLOURS[0])
                    .append("\" stroke-width=\"2\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** Returns the smallest of 1, 2 or 5 times a power of ten that is at least the value. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= value - 1e-9) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static StringBuilder open(String title, String description) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\"><title>")
                .append(escape(title))
                .append("</title><desc>")
                .append(escape(description))
                .append("</desc>");
        text(svg, LEFT, 20, "start", title);
        return svg;
    }

    private static void axes(StringBuilder svg, double top, String unit) {
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int tick = 0; tick <= 4; tick++) {
            double y = TOP + plotHeight - plotHeight * tick / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d0d5dd\"/>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            text(svg, LEFT - 6, y + 4, "end", number(top * tick / 4) + unit);
        }
    }

    private static void legend(StringBuilder svg, List<String> series) {
        double x = LEFT;
        for (int index = 0; index < series.size(); index++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    x,
                    HEIGHT - 22,
                    COLOURS[index % COLOURS.length]));
            text(svg, x + 14, HEIGHT - 13, "start", series.get(index));
            x += 24 + 7 * series.get(index).length();
        }
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append(String.format(
                        Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#333\">", x, y, anchor))
                .append(escape(text))
                .append("</text>");
    }

    private static String describeBars(Map<String, Map<String, Double>> values, String unit) {
        if (values.isEmpty()) {
            return "No values yet.";
        }
        Map<String, String> parts = new LinkedHashMap<>();
        values.forEach((category, group) -> {
            StringBuilder part = new StringBuilder();
            group.forEach((name, value) -> part.append(part.isEmpty() ? "" : ", ")
                    .append(name)
                    .append(' ')
                    .append(number(value))
                    .append(unit));
            parts.put(category, part.toString());
        });
        StringBuilder description = new StringBuilder();
        parts.forEach((category, part) -> description
                .append(description.isEmpty() ? "" : "; ")
                .append(category)
                .append(": ")
                .append(part));
        return description.toString();
    }

    /** Returns the value with up to three decimals and no trailing zeros, so that axis ticks stay distinct. */
    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value)
                .setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
