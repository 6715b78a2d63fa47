package io.brook.bench.measure;

import java.util.Arrays;
import java.util.List;

/** The median of a few runs' figures: the middle one, or the mean of the two middle ones. */
public final class Median {
    private Median() {
    }

    /** NaN for no values; NaN values (figures a run could not measure) are left out. */
    public static double of(List<Double> values) {
        double[] sorted = values.stream().filter(value -> value != null && !value.isNaN()).mapToDouble(Double::doubleValue).toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
