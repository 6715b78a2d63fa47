package io.brook.protocol.generator;

/** Accumulates Java source with four-space indentation. */
final class JavaSource {
    private static final String INDENT = "    ";

    private final StringBuilder text = new StringBuilder();
    private int depth;

    JavaSource line(String line) {
        if (!line.isEmpty()) {
            text.append(INDENT.repeat(depth)).append(line);
        }
        text.append('\n');
        return this;
    }

    /** A line ending in an opening brace; what follows is indented one more level. */
    JavaSource open(String line) {
        line(line + " {");
        depth++;
        return this;
    }

    JavaSource close() {
        return closeWith("");
    }

    /** Closes a block with text after the brace: {@code closeWith(";")} ends a switch expression. */
    JavaSource closeWith(String suffix) {
        depth--;
        return line("}" + suffix);
    }

    /** Closes a block and opens its continuation: {@code closeAndOpen(" else")} writes <code>} else {</code>. */
    JavaSource closeAndOpen(String continuation) {
        depth--;
        line("}" + continuation + " {");
        depth++;
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
