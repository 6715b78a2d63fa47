package io.brook.bench.report;

/**
 * A rough width of text in a proportional sans-serif font, for laying out labels without a font
 * metrics engine (the page has no script to measure with). Average glyphs are a little over half
 * the font size wide; over-estimating only costs some empty space.
 */
final class TextWidth {
    private static final double AVERAGE_GLYPH_WIDTH_PER_FONT_PX = 0.6;

    private TextWidth() {
    }

    static double estimatePx(String text, double fontSizePx) {
        return text.length() * fontSizePx * AVERAGE_GLYPH_WIDTH_PER_FONT_PX;
    }
}
