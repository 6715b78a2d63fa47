package io.brook.it.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The client compatibility matrix in README.md: client families by features, each cell green only
 * when every integration test named for it in {@code compat-matrix.csv} passed in the last run, as
 * the failsafe reports ({@code TEST-*.xml}) tell.
 *
 * <pre>
 *   CompatMatrix --print | --write | --check  [--csv FILE] [--reports DIR] [--readme FILE]
 * </pre>
 *
 * {@code --print} prints the rendered block, {@code --write} puts it into README.md between
 * {@value #START} and {@value #END}, and {@code --check} exits with 1 when README.md holds another
 * block or a cell is neither passed nor n/a. The paths default to the repository's, from its root.
 *
 * <p>One file with only JDK imports, so that {@code bin/compat-matrix} runs it from source
 * ({@code java CompatMatrix.java}) with no build; {@code CompatMatrixTest} is its unit test.
 */
public final class CompatMatrix {
    static final String START = "<!-- compat-matrix:start -->";
    static final String END = "<!-- compat-matrix:end -->";
    static final String NOT_APPLICABLE = "n/a";

    private static final String DEFAULT_CSV = "integration-tests/src/test/resources/compat-matrix.csv";
    private static final String DEFAULT_REPORTS = "integration-tests/target/failsafe-reports";
    private static final String DEFAULT_README = "README.md";

    private CompatMatrix() {
    }

    /** How a test, or a cell, fared in the last run. Later constants are worse: a cell takes its worst test's. */
    enum Outcome {
        PASSED("✅"), NOT_RUN("⚠️"), FAILED("❌");

        final String symbol;

        Outcome(String symbol) {
            this.symbol = symbol;
        }
    }

    /** One cell of compat-matrix.csv: the tests that show it, or why it does not apply (then {@code tests} is empty). */
    record CellSpec(List<String> tests, String notApplicableReason) {
    }

    /** compat-matrix.csv: the declared families and features, in order, and the cells given for them. */
    record Spec(List<String> families, List<String> features, Map<String, Map<String, CellSpec>> cells) {
        /** The families with at least one cell; a declared family without any is not in the table yet. */
        List<String> tabledFamilies() {
            return families.stream().filter(cells::containsKey).toList();
        }
    }

    /** One {@code <testcase>} of a failsafe report. An empty name is the class itself, e.g. a failed {@code @BeforeAll}. */
    record TestCase(String className, String name, Outcome outcome) {
    }

    public static void main(String[] args) throws Exception {
        String mode = null;
        Path csv = Path.of(DEFAULT_CSV);
        Path reports = Path.of(DEFAULT_REPORTS);
        Path readme = Path.of(DEFAULT_README);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--print", "--write", "--check" -> mode = args[i];
                case "--csv" -> csv = Path.of(args[++i]);
                case "--reports" -> reports = Path.of(args[++i]);
                case "--readme" -> readme = Path.of(args[++i]);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (mode == null) {
            usage("say --print, --write or --check");
        }
        Spec spec = parseSpec(Files.readAllLines(csv, StandardCharsets.UTF_8));
        for (String family : spec.families()) {
            if (!spec.cells().containsKey(family)) {
                System.err.println("compat-matrix: " + family + " has no rows in " + csv + " yet; it is left out of the table.");
            }
        }
        List<TestCase> results = readReports(reports);
        String block = render(spec, results);
        List<String> notGreen = notGreen(spec, results);
        switch (mode) {
            case "--print" -> System.out.print(block);
            case "--write" -> {
                String text = Files.readString(readme, StandardCharsets.UTF_8);
                Files.writeString(readme, replaceBlock(text, block), StandardCharsets.UTF_8);
                System.out.println("compat-matrix: wrote the matrix into " + readme + ".");
                notGreen.forEach(line -> System.out.println("  " + line));
            }
            default -> {
                String current = currentBlock(Files.readString(readme, StandardCharsets.UTF_8));
                boolean same = block.equals(current);
                if (!same) {
                    System.out.println("compat-matrix: the matrix in " + readme + " is not what " + csv + " and the reports in "
                            + reports + " give (bin/compat-matrix --write updates it). From the results:\n" + block);
                }
                notGreen.forEach(line -> System.out.println("compat-matrix: " + line));
                if (!same || !notGreen.isEmpty()) {
                    System.exit(1);
                }
                System.out.println("compat-matrix: " + readme + " holds the matrix of the last run, and every cell is passed or n/a.");
            }
        }
    }

    private static void usage(String problem) {
        System.err.println("compat-matrix: " + problem + "\nusage: CompatMatrix --print|--write|--check [--csv FILE] [--reports DIR] [--readme FILE]");
        System.exit(2);
    }

    /**
     * Reads compat-matrix.csv. Comment lines ({@code #}) declare the families and features, in
     * table order, as {@code # Families: a | b} and {@code # Features: c | d |}, a list going on
     * in the next comment line while it ends with {@code |}. The rows, after the
     * {@code family,feature,test} header, name a declared family and feature and either a test
     * ({@code Class#method}; several may be given, in rows of their own or separated by
     * {@code ;}) or {@code n/a: <reason>}. Anything else is refused with its line number.
     */
    static Spec parseSpec(List<String> lines) {
        List<String> families = new ArrayList<>();
        List<String> features = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        List<String> continuing = null;
        boolean sawHeader = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = "line " + (i + 1) + ": ";
            if (line.startsWith("#")) {
                String comment = line.substring(1).strip();
                if (comment.startsWith("Families:")) {
                    continuing = families;
                    comment = comment.substring("Families:".length());
                } else if (comment.startsWith("Features:")) {
                    continuing = features;
                    comment = comment.substring("Features:".length());
                }
                if (continuing != null) {
                    for (String name : comment.split("\\|")) {
                        if (!name.isBlank()) {
                            continuing.add(name.strip());
                        }
                    }
                    if (!comment.strip().endsWith("|")) {
                        continuing = null;
                    }
                }
                continue;
            }
            continuing = null;
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = splitCsv(line, 3);
            if (!sawHeader) {
                sawHeader = true;
                if (!fields.equals(List.of("family", "feature", "test"))) {
                    problems.add(where + "the header row is family,feature,test, not " + line);
                }
                continue;
            }
            if (fields.size() != 3) {
                problems.add(where + "a row has three fields (family,feature,test): " + line);
                continue;
            }
            rows.add(new String[] {Integer.toString(i + 1), fields.get(0), fields.get(1), fields.get(2)});
        }
        if (families.isEmpty() || features.isEmpty()) {
            problems.add("the comments declare no families or no features (# Families: ... and # Features: ...)");
        }
        Map<String, Map<String, CellSpec>> cells = new LinkedHashMap<>();
        for (String[] row : rows) {
            String where = "line " + row[0] + ": ";
            String family = row[1];
            String feature = row[2];
            String test = row[3];
            if (!families.contains(family)) {
                problems.add(where + "family \"" + family + "\" is not declared in # Families: " + families);
                continue;
            }
            if (!features.contains(feature)) {
                problems.add(where + "feature \"" + feature + "\" is not declared in # Features: " + features);
                continue;
            }
            CellSpec cell = parseCell(test, where, problems);
            if (cell == null) {
                continue;
            }
            Map<String, CellSpec> byFeature = cells.computeIfAbsent(family, key -> new LinkedHashMap<>());
            CellSpec earlier = byFeature.get(feature);
            if (earlier == null) {
                byFeature.put(feature, cell);
            } else if (earlier.notApplicableReason() != null || cell.notApplicableReason() != null) {
                problems.add(where + family + " / " + feature + " is given twice, once as n/a: a cell is either n/a or tested");
            } else {
                List<String> tests = new ArrayList<>(earlier.tests());
                tests.addAll(cell.tests());
                byFeature.put(feature, new CellSpec(List.copyOf(tests), null));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("compat-matrix.csv:\n  " + String.join("\n  ", problems));
        }
        return new Spec(List.copyOf(families), List.copyOf(features), cells);
    }

    private static CellSpec parseCell(String test, String where, List<String> problems) {
        if (test.startsWith(NOT_APPLICABLE)) {
            String reason = test.substring(NOT_APPLICABLE.length()).strip();
            if (!reason.startsWith(":") || reason.substring(1).isBlank()) {
                problems.add(where + "n/a needs a reason, as n/a: <reason>: " + test);
                return null;
            }
            return new CellSpec(List.of(), reason.substring(1).strip());
        }
        List<String> tests = new ArrayList<>();
        for (String name : test.split(";")) {
            String trimmed = name.strip();
            if (!trimmed.matches("[A-Za-z_$][\\w.$]*#[A-Za-z_$][\\w$]*")) {
                problems.add(where + "a test is Class#method, not \"" + trimmed + "\"");
                return null;
            }
            tests.add(trimmed);
        }
        return new CellSpec(List.copyOf(tests), null);
    }

    /**
     * One CSV line: fields separated by commas, each optionally in double quotes ("" for a quote
     * inside). The last of {@code maxFields} takes the rest of the line, commas and all, so that an
     * n/a reason needs no quotes.
     */
    static List<String> splitCsv(String line, int maxFields) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' && fields.size() < maxFields - 1) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }

    /** Every {@code <testcase>} in the {@code TEST-*.xml} reports of {@code directory}; none if it does not exist. */
    static List<TestCase> readReports(Path directory) throws Exception {
        List<TestCase> testCases = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return testCases;
        }
        List<Path> reports;
        try (Stream<Path> files = Files.list(directory)) {
            reports = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("TEST-") && name.endsWith(".xml");
            }).sorted().toList();
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path report : reports) {
            NodeList nodes;
            try {
                nodes = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
            } catch (org.xml.sax.SAXException | IOException e) {
                throw new IOException("cannot read the test report " + report + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < nodes.getLength(); i++) {
                Element testCase = (Element) nodes.item(i);
                testCases.add(new TestCase(testCase.getAttribute("classname"), testCase.getAttribute("name"), outcomeOf(testCase)));
            }
        }
        return testCases;
    }

    /** failure or error: failed (a flakyFailure alone is a pass on rerun); skipped: not run; otherwise passed. */
    private static Outcome outcomeOf(Element testCase) {
        if (testCase.getElementsByTagName("failure").getLength() > 0 || testCase.getElementsByTagName("error").getLength() > 0) {
            return Outcome.FAILED;
        }
        if (testCase.getElementsByTagName("skipped").getLength() > 0) {
            return Outcome.NOT_RUN;
        }
        return Outcome.PASSED;
    }

    /**
     * How {@code Class#method} fared: {@code Class} is the simple or the full class name; the
     * method's test cases are named {@code method}, or {@code method(Types)[n]} for each
     * invocation of a parameterized test, and all of them must have passed. A method with no test
     * case ran not at all, unless its class failed as a whole (say in {@code @BeforeAll}).
     */
    static Outcome outcomeOf(String test, List<TestCase> results) {
        int hash = test.indexOf('#');
        String className = test.substring(0, hash);
        String method = test.substring(hash + 1);
        Outcome worst = null;
        boolean classFailed = false;
        for (TestCase result : results) {
            if (!sameClass(result.className(), className)) {
                continue;
            }
            if (result.name().isEmpty() || result.name().equals(result.className())) {
                classFailed |= result.outcome() == Outcome.FAILED;
            } else if (isInvocationOf(result.name(), method)) {
                worst = worst == null || result.outcome().compareTo(worst) > 0 ? result.outcome() : worst;
            }
        }
        if (classFailed) {
            return Outcome.FAILED;
        }
        return worst == null ? Outcome.NOT_RUN : worst;
    }

    private static boolean sameClass(String reported, String named) {
        return reported.equals(named) || reported.endsWith("." + named);
    }

    private static boolean isInvocationOf(String testCaseName, String method) {
        if (!testCaseName.startsWith(method)) {
            return false;
        }
        String rest = testCaseName.substring(method.length());
        return rest.isEmpty() || rest.startsWith("(") || rest.startsWith("[");
    }

    /** The cell's outcome, the worst of its tests'; null for n/a; not run when no test is named for it. */
    static Outcome outcomeOf(CellSpec cell, List<TestCase> results) {
        if (cell == null) {
            return Outcome.NOT_RUN;
        }
        if (cell.notApplicableReason() != null) {
            return null;
        }
        Outcome worst = Outcome.PASSED;
        for (String test : cell.tests()) {
            Outcome outcome = outcomeOf(test, results);
            worst = outcome.compareTo(worst) > 0 ? outcome : worst;
        }
        return worst;
    }

    /** The Markdown between the markers: a legend, the table, and the reasons of the n/a cells, numbered. */
    static String render(Spec spec, List<TestCase> results) {
        StringBuilder out = new StringBuilder();
        out.append("✅ passed in the last run · ❌ failed · ⚠️ not run · n/a: the client does not offer it (see the note)\n\n");
        out.append("| client |");
        spec.features().forEach(feature -> out.append(' ').append(feature).append(" |"));
        out.append("\n|---|");
        spec.features().forEach(feature -> out.append(":-:|"));
        out.append('\n');
        List<String> notes = new ArrayList<>();
        for (String family : spec.tabledFamilies()) {
            out.append("| ").append(family).append(" |");
            for (String feature : spec.features()) {
                CellSpec cell = spec.cells().get(family).get(feature);
                Outcome outcome = outcomeOf(cell, results);
                if (outcome != null) {
                    out.append(' ').append(outcome.symbol).append(" |");
                    continue;
                }
                String note = family + ", " + feature + ": " + cell.notApplicableReason();
                notes.add(note);
                out.append(" n/a [").append(notes.size()).append("] |");
            }
            out.append('\n');
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            for (int i = 0; i < notes.size(); i++) {
                out.append(i + 1).append(". ").append(notes.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    /** A line per cell of the table that is neither passed nor n/a, with how each of its tests fared. */
    static List<String> notGreen(Spec spec, List<TestCase> results) {
        List<String> lines = new ArrayList<>();
        for (String family : spec.tabledFamilies()) {
            for (String feature : spec.features()) {
                CellSpec cell = spec.cells().get(family).get(feature);
                Outcome outcome = outcomeOf(cell, results);
                if (outcome == null || outcome == Outcome.PASSED) {
                    continue;
                }
                StringBuilder line = new StringBuilder(family + " / " + feature + ": " + outcome.symbol);
                if (cell == null) {
                    line.append(" no test is named for it");
                }
                for (String test : cell == null ? List.<String>of() : cell.tests()) {
                    line.append(' ').append(test).append(' ').append(outcomeOf(test, results).name().toLowerCase().replace('_', ' ')).append(';');
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /** What README.md holds between the markers (the lines after the start marker's, up to the end marker's line). */
    static String currentBlock(String readme) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("README.md has no " + START + " ... " + END + " block");
        }
        int from = readme.indexOf('\n', start) + 1;
        return readme.substring(from, end);
    }

    /** README.md with {@code block} between the markers in place of what was there. */
    static String replaceBlock(String readme, String block) {
        String current = currentBlock(readme);
        int from = readme.indexOf('\n', readme.indexOf(START)) + 1;
        return readme.substring(0, from) + block + readme.substring(from + current.length());
    }
}
