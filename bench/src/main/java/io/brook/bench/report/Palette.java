package io.brook.bench.report;

/**
 * Series colours, one per broker in comparison order, the same in every chart and in the table.
 * Blue and orange stay distinct for the common forms of colour blindness.
 */
final class Palette {
    private static final String[] COLORS = {"#2563eb", "#ea580c", "#16a34a", "#9333ea", "#0891b2", "#be185d"};
    static final String AXIS = "#6b7280";
    static final String GRID = "#e5e7eb";
    static final String MUTED_TEXT = "#6b7280";

    private Palette() {
    }

    static String series(int index) {
        return COLORS[index % COLORS.length];
    }
}
