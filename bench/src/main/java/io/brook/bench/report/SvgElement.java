package io.brook.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny builder for SVG markup: an element with attributes and children (elements or text),
 * rendered with every attribute value and text escaped. Childless elements close themselves,
 * which both inline SVG in HTML and XML accept.
 *
 * <p>Not thread-safe: built and rendered by one thread.
 */
final class SvgElement {
    private final String name;
    private final StringBuilder attributes = new StringBuilder();
    private final List<Object> children = new ArrayList<>();

    private SvgElement(String name) {
        this.name = name;
    }

    static SvgElement of(String name) {
        return new SvgElement(name);
    }

    /** The root of an inline chart: width and height in CSS pixels, also its coordinate system. */
    static SvgElement root(double widthPx, double heightPx, String label) {
        return of("svg").attr("xmlns", "http://www.w3.org/2000/svg")
                .attr("width", widthPx).attr("height", heightPx)
                .attr("viewBox", "0 0 " + coordinate(widthPx) + " " + coordinate(heightPx))
                .attr("role", "img").attr("aria-label", label);
    }

    SvgElement attr(String attribute, String value) {
        attributes.append(' ').append(attribute).append("=\"").append(Markup.escape(value)).append('"');
        return this;
    }

    /** A coordinate or length, to a tenth of a pixel: finer would only lengthen the page. */
    SvgElement attr(String attribute, double value) {
        return attr(attribute, coordinate(value));
    }

    SvgElement add(SvgElement child) {
        children.add(child);
        return this;
    }

    SvgElement text(String text) {
        children.add(text);
        return this;
    }

    /** A hover tooltip, SVG's own way (a title child), so no script is needed. */
    SvgElement tooltip(String text) {
        return add(of("title").text(text));
    }

    String render() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    private void appendTo(StringBuilder out) {
        out.append('<').append(name).append(attributes);
        if (children.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Object child : children) {
            if (child instanceof SvgElement element) {
                element.appendTo(out);
            } else {
                out.append(Markup.escape((String) child));
            }
        }
        out.append("</").append(name).append('>');
        if (name.equals("g") || name.equals("svg")) {
            out.append('\n');
        }
    }

    static String coordinate(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
