package io.brook.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PercentileChartTest {
    private static final Pattern CIRCLE_X = Pattern.compile("<circle cx=\"([0-9.]+)\"");

    @Test
    void eachExtraNineGetsTheSameWidth() {
        String svg = PercentileChart.render("t", List.of(new PercentileChart.Line("a", List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0)))).render();

        List<Double> xs = circleXs(svg);

        assertEquals(6, xs.size());
        double decade = xs.get(2) - xs.get(1);
        assertEquals(decade, xs.get(3) - xs.get(2), 0.11, "p99 to p99.9 as wide as p90 to p99");
        assertEquals(decade, xs.get(4) - xs.get(3), 0.11);
        assertEquals(decade, xs.get(5) - xs.get(4), 0.11, "max one decade after p99.99");
        assertEquals(decade * Math.log10(5), xs.get(1) - xs.get(0), 0.11, "p50 sits at log10(2), p90 at 1");
    }

    @Test
    void aMissingOrZeroPointBreaksTheLineInsteadOfDrawingIt() {
        List<Double> values = List.of(1.0, 2.0, 0.0, 4.0, Double.NaN, 6.0);

        String svg = PercentileChart.render("t", List.of(new PercentileChart.Line("a", values))).render();

        assertEquals(4, circleXs(svg).size());
        Matcher path = Pattern.compile("<path d=\"([^\"]+)\"").matcher(svg);
        assertTrue(path.find(), svg);
        assertEquals(3, path.group(1).split("M").length - 1, "three pieces: p50-p90, p99.9, max: " + path.group(1));
    }

    @Test
    void saysSoWhenNothingWasMeasured() {
        String svg = PercentileChart.render("t", List.of(new PercentileChart.Line("a", List.of(
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)))).render();

        assertTrue(svg.contains(">no latency was measured<"), svg);
    }

    private static List<Double> circleXs(String svg) {
        Matcher matcher = CIRCLE_X.matcher(svg);
        List<Double> xs = new ArrayList<>();
        while (matcher.find()) {
            xs.add(Double.parseDouble(matcher.group(1)));
        }
        return xs;
    }
}
