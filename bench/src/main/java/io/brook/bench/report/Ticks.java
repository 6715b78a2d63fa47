package io.brook.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks at round numbers, for linear axes starting at 0 and for logarithmic axes. */
final class Ticks {
    /** About this many intervals on a linear axis: enough to read a bar's value, few enough to label. */
    private static final int TARGET_INTERVALS = 5;
    /** Up to this many decades on a log axis also get 2 and 5 ticks, else a short axis would have two labels. */
    private static final int MAX_DECADES_WITH_MINOR_TICKS = 2;

    private static final MathContext LABEL_DIGITS = new MathContext(10);

    private Ticks() {
    }

    /** 0, then steps of 1, 2 or 5 times a power of ten, up to the first tick at or above {@code max}. */
    static List<Double> linear(double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            return List.of(0.0, 1.0);
        }
        double roughStep = max / TARGET_INTERVALS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(roughStep)));
        double residual = roughStep / magnitude;
        double step = magnitude * (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10);
        List<Double> ticks = new ArrayList<>();
        ticks.add(0.0);
        for (int i = 1; ticks.get(ticks.size() - 1) < max; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /**
     * Powers of ten from the one at or below {@code min} to the one at or above {@code max} (at least
     * one decade), plus 2 and 5 times each when the axis spans few decades. Both bounds must be positive.
     */
    static List<Double> logarithmic(double min, double max) {
        int lowDecade = (int) Math.floor(Math.log10(min));
        int highDecade = Math.max((int) Math.ceil(Math.log10(max)), lowDecade + 1);
        boolean minorTicks = highDecade - lowDecade <= MAX_DECADES_WITH_MINOR_TICKS;
        List<Double> ticks = new ArrayList<>();
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            double power = powerOfTen(decade);
            ticks.add(power);
            if (minorTicks && decade < highDecade) {
                ticks.add(2 * power);
                ticks.add(5 * power);
            }
        }
        return ticks;
    }

    /**
     * A tick's label: no trailing zeros, thousands separators from 10,000 up. Rounded to
     * {@link #LABEL_DIGITS} significant digits first, because a tick computed as 3 * 0.2 is
     * 0.6000000000000001.
     */
    static String label(double tick) {
        if (Math.abs(tick) >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", tick);
        }
        return BigDecimal.valueOf(tick).round(LABEL_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** The double nearest to 10^exponent; Math.pow is only promised to be within one ulp of it. */
    private static double powerOfTen(int exponent) {
        return BigDecimal.ONE.scaleByPowerOfTen(exponent).doubleValue();
    }
}
