package io.brook.bench.report;

import java.util.List;

/**
 * Latency against percentile, one line per broker, both axes logarithmic. The x axis places each
 * percentile p at log10(1 / (1 - p)), the number of nines: p50 at 0.3, p90 at 1, p99 at 2, p99.9
 * at 3, p99.99 at 4, so every extra nine of the tail gets the same width (the layout HdrHistogram's
 * plots use). The maximum has no percentile of its own; it sits one decade further, at 5, where
 * p99.999 would be. The y axis is logarithmic because tails are often 10-1000 times the median.
 * Points with no positive value (not measured, or under the recorder's 1 µs resolution) are left
 * out and break the line there.
 */
final class PercentileChart {
    /** Point labels, in the order of {@link Line#valuesMs()}. */
    static final List<String> POINT_LABELS = List.of("p50", "p90", "p99", "p99.9", "p99.99", "max");
    /** Each point's x position in nines: log10(1 / (1 - p)), and 5 for the maximum (see the class comment). */
    private static final double[] POINT_NINES = {Math.log10(2), 1, 2, 3, 4, 5};
    private static final double NINES_AXIS_MIN = 0;
    private static final double NINES_AXIS_MAX = 5.25;

    private static final double WIDTH_PX = 640;
    private static final double HEIGHT_PX = 380;
    private static final double PLOT_LEFT_PX = 72;
    private static final double PLOT_RIGHT_PX = WIDTH_PX - 20;
    private static final double PLOT_TOP_PX = 56;
    private static final double PLOT_BOTTOM_PX = HEIGHT_PX - 56;
    private static final double POINT_RADIUS_PX = 3.5;

    /** @param valuesMs latency at each of {@link #POINT_LABELS}, in that order; NaN where unknown */
    record Line(String name, List<Double> valuesMs) {
    }

    private PercentileChart() {
    }

    static SvgElement render(String title, List<Line> lines) {
        SvgElement svg = SvgElement.root(WIDTH_PX, HEIGHT_PX, title);
        svg.add(SvgElement.of("text").attr("x", 0).attr("y", 18).attr("font-size", 15).attr("font-weight", "bold").text(title));
        svg.add(ChartLegend.render(lines.stream().map(Line::name).toList(), PLOT_LEFT_PX, 30));
        double[] range = positiveRange(lines);
        if (range == null) {
            return svg.add(SvgElement.of("text").attr("x", PLOT_LEFT_PX).attr("y", (PLOT_TOP_PX + PLOT_BOTTOM_PX) / 2)
                    .attr("font-size", 12).attr("fill", Palette.MUTED_TEXT).text("no latency was measured"));
        }
        List<Double> ticks = Ticks.logarithmic(range[0], range[1]);
        double logMin = Math.log10(ticks.get(0));
        double logMax = Math.log10(ticks.get(ticks.size() - 1));
        svg.add(xAxis());
        svg.add(yAxis(ticks, logMin, logMax));
        for (int i = 0; i < lines.size(); i++) {
            svg.add(line(lines.get(i), i, logMin, logMax));
        }
        return svg;
    }

    private static SvgElement line(Line line, int seriesIndex, double logMin, double logMax) {
        SvgElement group = SvgElement.of("g");
        StringBuilder path = new StringBuilder();
        boolean penDown = false;
        for (int point = 0; point < POINT_NINES.length; point++) {
            double valueMs = line.valuesMs().get(point);
            if (!isDrawable(valueMs)) {
                penDown = false;
                continue;
            }
            double x = x(POINT_NINES[point]);
            double y = y(valueMs, logMin, logMax);
            path.append(penDown ? " L" : " M").append(SvgElement.coordinate(x)).append(' ').append(SvgElement.coordinate(y));
            penDown = true;
            group.add(SvgElement.of("circle").attr("cx", x).attr("cy", y).attr("r", POINT_RADIUS_PX)
                    .attr("fill", Palette.series(seriesIndex))
                    .tooltip(line.name() + " " + POINT_LABELS.get(point) + ": " + FigureFormat.number(valueMs) + " ms"));
        }
        if (path.length() > 0) {
            group.add(SvgElement.of("path").attr("d", path.toString().trim()).attr("fill", "none")
                    .attr("stroke", Palette.series(seriesIndex)).attr("stroke-width", 2));
        }
        return group;
    }

    private static SvgElement xAxis() {
        SvgElement axis = SvgElement.of("g").attr("class", "axis");
        for (int point = 0; point < POINT_NINES.length; point++) {
            double x = x(POINT_NINES[point]);
            axis.add(SvgElement.of("line").attr("x1", x).attr("x2", x).attr("y1", PLOT_TOP_PX).attr("y2", PLOT_BOTTOM_PX)
                    .attr("stroke", Palette.GRID));
            axis.add(SvgElement.of("text").attr("x", x).attr("y", PLOT_BOTTOM_PX + 16).attr("text-anchor", "middle")
                    .attr("font-size", 11).attr("fill", Palette.MUTED_TEXT).text(POINT_LABELS.get(point)));
        }
        axis.add(SvgElement.of("line").attr("x1", PLOT_LEFT_PX).attr("x2", PLOT_RIGHT_PX).attr("y1", PLOT_BOTTOM_PX)
                .attr("y2", PLOT_BOTTOM_PX).attr("stroke", Palette.AXIS));
        return axis.add(SvgElement.of("text").attr("x", (PLOT_LEFT_PX + PLOT_RIGHT_PX) / 2).attr("y", PLOT_BOTTOM_PX + 40)
                .attr("text-anchor", "middle").attr("font-size", 12).text("percentile (spaced by log of 1/(1-p))"));
    }

    private static SvgElement yAxis(List<Double> ticks, double logMin, double logMax) {
        SvgElement axis = SvgElement.of("g").attr("class", "axis");
        for (double tick : ticks) {
            double y = y(tick, logMin, logMax);
            axis.add(SvgElement.of("line").attr("x1", PLOT_LEFT_PX).attr("x2", PLOT_RIGHT_PX).attr("y1", y).attr("y2", y)
                    .attr("stroke", Palette.GRID));
            axis.add(SvgElement.of("text").attr("x", PLOT_LEFT_PX - 6).attr("y", y).attr("dy", "0.35em")
                    .attr("text-anchor", "end").attr("font-size", 11).attr("fill", Palette.MUTED_TEXT).text(Ticks.label(tick)));
        }
        axis.add(SvgElement.of("line").attr("x1", PLOT_LEFT_PX).attr("x2", PLOT_LEFT_PX).attr("y1", PLOT_TOP_PX)
                .attr("y2", PLOT_BOTTOM_PX).attr("stroke", Palette.AXIS));
        double middle = (PLOT_TOP_PX + PLOT_BOTTOM_PX) / 2;
        return axis.add(SvgElement.of("text").attr("x", 16).attr("y", middle).attr("text-anchor", "middle")
                .attr("font-size", 12).attr("transform", "rotate(-90 16 " + SvgElement.coordinate(middle) + ")")
                .text("latency (ms, log scale)"));
    }

    private static double x(double nines) {
        return PLOT_LEFT_PX + (nines - NINES_AXIS_MIN) / (NINES_AXIS_MAX - NINES_AXIS_MIN) * (PLOT_RIGHT_PX - PLOT_LEFT_PX);
    }

    private static double y(double valueMs, double logMin, double logMax) {
        return PLOT_BOTTOM_PX - (Math.log10(valueMs) - logMin) / (logMax - logMin) * (PLOT_BOTTOM_PX - PLOT_TOP_PX);
    }

    /** Whether a value has a place on a log axis: a positive, finite number. */
    private static boolean isDrawable(double valueMs) {
        return valueMs > 0 && Double.isFinite(valueMs);
    }

    /** The smallest and largest positive finite value over all lines, or null when there is none. */
    private static double[] positiveRange(List<Line> lines) {
        double[] values = lines.stream().flatMap(line -> line.valuesMs().stream()).mapToDouble(Double::doubleValue)
                .filter(PercentileChart::isDrawable).toArray();
        if (values.length == 0) {
            return null;
        }
        double min = values[0];
        double max = values[0];
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new double[] {min, max};
    }
}
