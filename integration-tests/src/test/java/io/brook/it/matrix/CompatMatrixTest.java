package io.brook.it.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brook.it.matrix.CompatMatrix.CellSpec;
import io.brook.it.matrix.CompatMatrix.Outcome;
import io.brook.it.matrix.CompatMatrix.Spec;
import io.brook.it.matrix.CompatMatrix.TestCase;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatMatrixTest {
    private static final List<String> CSV = List.of(
            "# Families: client A | client B |",
            "#           client C",
            "# Features: one | two |",
            "#   three",
            "family,feature,test",
            "client A,one,SampleIT#plainPasses",
            "client A,two,SampleIT#everyCodec; io.brook.it.SampleIT#plainPassesToo",
            "client A,two,SampleIT#flakyPassesOnRerun",
            "client A,three,\"n/a: it has no such call, nor plans for one\"",
            "",
            "client B,one,SampleIT#someCodec",
            "client B,two,SampleIT#plainSkipped",
            "client B,three,n/a: it has no such call, nor plans for one");

    @Test
    void readsPlainParameterizedSkippedAndFlakyTestCasesFromFailsafeReports() throws Exception {
        List<TestCase> results = fixtureResults();
        assertEquals(Outcome.PASSED, CompatMatrix.outcomeOf("SampleIT#plainPasses", results));
        assertEquals(Outcome.PASSED, CompatMatrix.outcomeOf("io.brook.it.SampleIT#plainPasses", results), "by its full class name");
        assertEquals(Outcome.FAILED, CompatMatrix.outcomeOf("SampleIT#plainFails", results));
        assertEquals(Outcome.FAILED, CompatMatrix.outcomeOf("SampleIT#plainErrs", results), "an error is a failure");
        assertEquals(Outcome.NOT_RUN, CompatMatrix.outcomeOf("SampleIT#plainSkipped", results));
        assertEquals(Outcome.PASSED, CompatMatrix.outcomeOf("SampleIT#flakyPassesOnRerun", results), "passed when rerun");
        assertEquals(Outcome.PASSED, CompatMatrix.outcomeOf("SampleIT#everyCodec", results), "every invocation passed");
        assertEquals(Outcome.FAILED, CompatMatrix.outcomeOf("SampleIT#someCodec", results), "one invocation of three failed");
        assertEquals(Outcome.NOT_RUN, CompatMatrix.outcomeOf("SampleIT#plain", results), "a prefix of a method's name is not the method");
        assertEquals(Outcome.NOT_RUN, CompatMatrix.outcomeOf("SampleIT#neverRan", results));
        assertEquals(Outcome.NOT_RUN, CompatMatrix.outcomeOf("OtherIT#plainPasses", results));
        assertEquals(Outcome.NOT_RUN, CompatMatrix.outcomeOf("ampleIT#plainPasses", results), "a suffix of a class's name is not the class");
    }

    @Test
    void aClassThatFailedAsAWholeFailsEveryTestNamedInIt() throws Exception {
        assertEquals(Outcome.FAILED, CompatMatrix.outcomeOf("BrokenIT#anything", fixtureResults()));
    }

    @Test
    void noReportsMeansNothingRan(@TempDir Path empty) throws Exception {
        assertEquals(List.of(), CompatMatrix.readReports(empty.resolve("failsafe-reports")));
    }

    @Test
    void parsesDeclaredFamiliesAndFeaturesAndTheCellsOfEveryRow() {
        Spec spec = CompatMatrix.parseSpec(CSV);
        assertEquals(List.of("client A", "client B", "client C"), spec.families());
        assertEquals(List.of("one", "two", "three"), spec.features());
        assertEquals(List.of("client A", "client B"), spec.tabledFamilies(), "a family without rows is not tabled");
        Map<String, CellSpec> a = spec.cells().get("client A");
        assertEquals(List.of("SampleIT#everyCodec", "io.brook.it.SampleIT#plainPassesToo", "SampleIT#flakyPassesOnRerun"),
                a.get("two").tests(), "tests separated by ';' and in more rows");
        assertEquals("it has no such call, nor plans for one", a.get("three").notApplicableReason(), "a quoted field keeps its comma");
        assertEquals("it has no such call, nor plans for one", spec.cells().get("client B").get("three").notApplicableReason(),
                "so does the last field unquoted");
    }

    @Test
    void refusesWhatTheHeaderDoesNotDeclareWithLineNumbers() {
        List<String> csv = new ArrayList<>(CSV);
        csv.add("client D,one,SampleIT#plainPasses");
        csv.add("client A,produce none,SampleIT#plainPasses");
        csv.add("client A,one,SampleIT.plainPasses");
        csv.add("client A,three,n/a");
        csv.add("client A,three,SampleIT#plainPasses");
        csv.add("client A,one");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CompatMatrix.parseSpec(csv));
        String message = refused.getMessage();
        assertTrue(message.contains("line 14: family \"client D\" is not declared"), message);
        assertTrue(message.contains("line 15: feature \"produce none\" is not declared"), message);
        assertTrue(message.contains("line 16: a test is Class#method, not \"SampleIT.plainPasses\""), message);
        assertTrue(message.contains("line 17: n/a needs a reason"), message);
        assertTrue(message.contains("line 18: client A / three is given twice, once as n/a"), message);
        assertTrue(message.contains("line 19: a row has three fields"), message);
    }

    @Test
    void rendersATableOfFamiliesByFeaturesWithTheReasonsOfNotApplicableCellsNumberedBelow() throws Exception {
        String expected = """
                ✅ passed in the last run · ❌ failed · ⚠️ not run · n/a: the client does not offer it (see the note)

                | client | one | two | three |
                |---|:-:|:-:|:-:|
                | client A | ✅ | ✅ | n/a [1] |
                | client B | ❌ | ⚠️ | n/a [2] |

                1. client A, three: it has no such call, nor plans for one
                2. client B, three: it has no such call, nor plans for one
                """;
        Spec spec = CompatMatrix.parseSpec(CSV);
        assertEquals(expected, CompatMatrix.render(spec, fixtureResults()));
        assertEquals(List.of("client B / one: ❌ SampleIT#someCodec failed;", "client B / two: ⚠️ SampleIT#plainSkipped not run;"),
                CompatMatrix.notGreen(spec, fixtureResults()));
    }

    @Test
    void aCellWithoutRowsIsNotRun() throws Exception {
        Spec spec = CompatMatrix.parseSpec(CSV.subList(0, 6));
        assertTrue(CompatMatrix.render(spec, fixtureResults()).contains("| client A | ✅ | ⚠️ | ⚠️ |\n"));
        assertEquals(List.of("client A / two: ⚠️ no test is named for it", "client A / three: ⚠️ no test is named for it"),
                CompatMatrix.notGreen(spec, fixtureResults()));
    }

    @Test
    void replacesOnlyWhatIsBetweenTheMarkers() {
        String readme = "# Title\n\nBefore.\n\n" + CompatMatrix.START + "\nold table\n" + CompatMatrix.END + "\n\nAfter.\n";
        assertEquals("old table\n", CompatMatrix.currentBlock(readme));
        String written = CompatMatrix.replaceBlock(readme, "new\ntable\n");
        assertEquals("# Title\n\nBefore.\n\n" + CompatMatrix.START + "\nnew\ntable\n" + CompatMatrix.END + "\n\nAfter.\n", written);
        assertEquals("new\ntable\n", CompatMatrix.currentBlock(written));
        assertThrows(IllegalArgumentException.class, () -> CompatMatrix.currentBlock("# No markers\n"));
    }

    /** The repository's compat-matrix.csv parses, and every test it names is a test method of this module. */
    @Test
    void theRepositorysMatrixNamesTestsThatExist() throws Exception {
        Spec spec = CompatMatrix.parseSpec(Files.readAllLines(resource("compat-matrix.csv"), StandardCharsets.UTF_8));
        List<String> missing = new ArrayList<>();
        for (Map<String, CellSpec> byFeature : spec.cells().values()) {
            for (CellSpec cell : byFeature.values()) {
                for (String test : cell.tests()) {
                    if (!isTestMethod(test)) {
                        missing.add(test);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "tests named in compat-matrix.csv that this module does not have");
    }

    /** A method of a JUnit test annotation (@Test, @ParameterizedTest, @TestFactory, ...) in the named class or a superclass. */
    private static boolean isTestMethod(String test) throws Exception {
        String className = test.substring(0, test.indexOf('#'));
        String method = test.substring(test.indexOf('#') + 1);
        for (Class<?> type = findClass(className); type != null; type = type.getSuperclass()) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (candidate.getName().equals(method)) {
                    if (Arrays.stream(candidate.getAnnotations()).anyMatch(CompatMatrixTest::isTestAnnotation)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Jupiter's @Test, @ParameterizedTest, @RepeatedTest, @TestFactory, @TestTemplate. */
    private static boolean isTestAnnotation(Annotation annotation) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (!type.getPackageName().startsWith("org.junit.jupiter")) {
            return false;
        }
        return type.getSimpleName().startsWith("Test") || type.getSimpleName().endsWith("Test");
    }

    /** The class by its full name, or by its simple name anywhere in this module's test classes; null if there is none. */
    private static Class<?> findClass(String name) throws Exception {
        if (name.contains(".")) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                return null;
            }
        }
        Path testClasses = Path.of(CompatMatrixTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> found;
        try (var files = Files.walk(testClasses)) {
            found = files.filter(file -> file.getFileName().toString().equals(name + ".class")).toList();
        }
        if (found.size() != 1) {
            return null;
        }
        String relative = testClasses.relativize(found.get(0)).toString();
        return Class.forName(relative.substring(0, relative.length() - ".class".length()).replace(java.io.File.separatorChar, '.'));
    }

    private static List<TestCase> fixtureResults() throws Exception {
        return CompatMatrix.readReports(resource("compat-matrix-fixtures"));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(CompatMatrixTest.class.getResource("/" + name).toURI());
    }
}
