package io.brook.bench.report;

import java.util.List;

/** A one-line legend: a colour swatch and a name per series, in series order. */
final class ChartLegend {
    private static final double SWATCH_PX = 12;
    private static final double SWATCH_TEXT_GAP_PX = 5;
    private static final double ENTRY_GAP_PX = 24;

    private ChartLegend() {
    }

    /** The legend with its first swatch's top-left corner at (x, y). */
    static SvgElement render(List<String> names, double x, double y) {
        SvgElement legend = SvgElement.of("g").attr("class", "legend");
        double entryX = x;
        for (int i = 0; i < names.size(); i++) {
            legend.add(SvgElement.of("rect").attr("x", entryX).attr("y", y)
                    .attr("width", SWATCH_PX).attr("height", SWATCH_PX).attr("fill", Palette.series(i)));
            legend.add(SvgElement.of("text").attr("x", entryX + SWATCH_PX + SWATCH_TEXT_GAP_PX).attr("y", y + SWATCH_PX - 1)
                    .attr("font-size", 12).text(names.get(i)));
            entryX += SWATCH_PX + SWATCH_TEXT_GAP_PX + TextWidth.estimatePx(names.get(i), 12) + ENTRY_GAP_PX;
        }
        return legend;
    }
}
