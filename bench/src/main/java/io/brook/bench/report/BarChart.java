package io.brook.bench.report;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A horizontal grouped bar chart: one group per category (workload), one bar per series (broker)
 * in each group, a linear value axis from 0 along the bottom, and each bar's value printed at its
 * end. Horizontal, because workload names and values such as "1,234,567" need room that columns
 * would not give them. A missing value (NaN) gets no bar and says so.
 *
 * <pre>
 *  title
 *  [■ brook] [■ kafka]
 *  produce-1k  |█████████████ 512.3
 *              |██████████ 401.9
 *  consume-1k  |...
 *              +----+----+----+
 *              0   200  400  600   axis label
 * </pre>
 */
final class BarChart {
    /** @param values one per category, in category order; NaN where the series has no value */
    record Series(String name, List<Double> values) {
    }

    private static final double WIDTH_PX = 960;
    private static final double FONT_PX = 12;
    private static final double TITLE_BASELINE_PX = 18;
    private static final double LEGEND_TOP_PX = 30;
    private static final double PLOT_TOP_PX = 56;
    private static final double BAR_PX = 16;
    private static final double BAR_GAP_PX = 2;
    private static final double GROUP_GAP_PX = 14;
    private static final double CATEGORY_LABEL_GAP_PX = 8;
    /** Room right of the plot for the value printed after the longest bar. */
    private static final double VALUE_LABEL_ROOM_PX = 100;
    private static final double AXIS_ROOM_PX = 48;
    /** Longer category names are cut off at the left edge rather than squeeze the plot away. */
    private static final double MAX_CATEGORY_LABEL_PX = WIDTH_PX / 3;

    private BarChart() {
    }

    /**
     * @param axisLabel what the values are, with their unit
     * @param format how a bar's value is printed
     */
    static SvgElement render(String title, String axisLabel, List<String> categories, List<Series> series,
                             DoubleFunction<String> format) {
        double plotLeft = categoryLabelWidth(categories) + CATEGORY_LABEL_GAP_PX * 2;
        double plotWidth = WIDTH_PX - plotLeft - VALUE_LABEL_ROOM_PX;
        double groupHeight = series.size() * BAR_PX + (series.size() - 1) * BAR_GAP_PX;
        double plotHeight = categories.size() * (groupHeight + GROUP_GAP_PX) + GROUP_GAP_PX;
        double height = PLOT_TOP_PX + plotHeight + AXIS_ROOM_PX;
        List<Double> ticks = Ticks.linear(maxValue(series));
        double axisMax = ticks.get(ticks.size() - 1);

        SvgElement svg = SvgElement.root(WIDTH_PX, height, title);
        svg.add(SvgElement.of("text").attr("x", 0).attr("y", TITLE_BASELINE_PX).attr("font-size", 15)
                .attr("font-weight", "bold").text(title));
        svg.add(ChartLegend.render(series.stream().map(Series::name).toList(), plotLeft, LEGEND_TOP_PX));
        svg.add(axis(ticks, axisLabel, plotLeft, plotWidth, plotHeight));
        for (int category = 0; category < categories.size(); category++) {
            double groupTop = PLOT_TOP_PX + GROUP_GAP_PX + category * (groupHeight + GROUP_GAP_PX);
            svg.add(SvgElement.of("text").attr("x", plotLeft - CATEGORY_LABEL_GAP_PX).attr("y", groupTop + groupHeight / 2)
                    .attr("dy", "0.35em").attr("text-anchor", "end").attr("font-size", FONT_PX).text(categories.get(category)));
            for (int s = 0; s < series.size(); s++) {
                double barTop = groupTop + s * (BAR_PX + BAR_GAP_PX);
                double value = series.get(s).values().get(category);
                String tooltip = series.get(s).name() + ", " + categories.get(category) + ": " + format.apply(value);
                svg.add(bar(value, axisMax, plotLeft, plotWidth, barTop, s, tooltip, format));
            }
        }
        return svg;
    }

    private static SvgElement bar(double value, double axisMax, double plotLeft, double plotWidth, double barTop,
                                  int seriesIndex, String tooltip, DoubleFunction<String> format) {
        SvgElement group = SvgElement.of("g");
        double textBaseline = barTop + BAR_PX / 2;
        if (!Double.isFinite(value)) {
            return group.add(SvgElement.of("text").attr("x", plotLeft + CATEGORY_LABEL_GAP_PX).attr("y", textBaseline)
                    .attr("dy", "0.35em").attr("font-size", 11).attr("fill", Palette.MUTED_TEXT).text("not measured"));
        }
        double barWidth = Math.max(0, value) / axisMax * plotWidth;
        group.add(SvgElement.of("rect").attr("x", plotLeft).attr("y", barTop).attr("width", barWidth).attr("height", BAR_PX)
                .attr("fill", Palette.series(seriesIndex)).tooltip(tooltip));
        return group.add(SvgElement.of("text").attr("x", plotLeft + barWidth + 4).attr("y", textBaseline)
                .attr("dy", "0.35em").attr("font-size", 11).text(format.apply(value)));
    }

    private static SvgElement axis(List<Double> ticks, String axisLabel, double plotLeft, double plotWidth, double plotHeight) {
        double axisMax = ticks.get(ticks.size() - 1);
        double plotBottom = PLOT_TOP_PX + plotHeight;
        SvgElement axis = SvgElement.of("g").attr("class", "axis");
        for (double tick : ticks) {
            double x = plotLeft + tick / axisMax * plotWidth;
            axis.add(SvgElement.of("line").attr("x1", x).attr("x2", x).attr("y1", PLOT_TOP_PX).attr("y2", plotBottom)
                    .attr("stroke", Palette.GRID));
            axis.add(SvgElement.of("text").attr("x", x).attr("y", plotBottom + 16).attr("text-anchor", "middle")
                    .attr("font-size", 11).attr("fill", Palette.MUTED_TEXT).text(Ticks.label(tick)));
        }
        axis.add(SvgElement.of("line").attr("x1", plotLeft).attr("x2", plotLeft).attr("y1", PLOT_TOP_PX).attr("y2", plotBottom)
                .attr("stroke", Palette.AXIS));
        axis.add(SvgElement.of("line").attr("x1", plotLeft).attr("x2", plotLeft + plotWidth).attr("y1", plotBottom)
                .attr("y2", plotBottom).attr("stroke", Palette.AXIS));
        return axis.add(SvgElement.of("text").attr("x", plotLeft + plotWidth / 2).attr("y", plotBottom + 38)
                .attr("text-anchor", "middle").attr("font-size", FONT_PX).text(axisLabel));
    }

    private static double categoryLabelWidth(List<String> categories) {
        double widest = categories.stream().mapToDouble(category -> TextWidth.estimatePx(category, FONT_PX)).max().orElse(0);
        return Math.min(widest, MAX_CATEGORY_LABEL_PX);
    }

    private static double maxValue(List<Series> series) {
        return series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue)
                .filter(Double::isFinite).max().orElse(0);
    }
}
