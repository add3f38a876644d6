package dev.sluice.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Spark conformance case (test resources {@code conformance/cases}, copied unchanged from
 * the shared folder) in streaming and batch mode and compares with Spark's outputs.
 *
 * <p>Cases that do not pass yet are listed in {@code conformance/expected-failures.txt} with a
 * reason; the suite fails when an unlisted case fails and when a listed case passes, so the list only
 * shrinks.
 *
 * <p>With {@code -Dsluice.conformance.dir=DIR -Dsluice.conformance.report=FILE} it runs every case of
 * DIR instead (ignoring the list), writes {@code PASS name} / {@code FAIL name: first difference}
 * lines and a summary line to FILE, and passes whatever the results.
 */
class SparkConformanceTest {

  @TestFactory
  Stream<DynamicTest> conformanceCases() throws IOException {
    String dir = System.getProperty("sluice.conformance.dir");
    if (dir != null && !dir.isBlank()) {
      return Stream.of(DynamicTest.dynamicTest("report for " + dir, () -> writeReport(Paths.get(dir),
          Paths.get(System.getProperty("sluice.conformance.report", "conformance-report.txt")))));
    }
    Path cases = resource("conformance/cases");
    Map<String, String> expectedFailures = expectedFailures();
    List<Path> files = caseFiles(cases);
    List<String> names = new ArrayList<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      ConformanceCase c = ConformanceCase.load(f);
      names.add(c.name);
      tests.add(DynamicTest.dynamicTest(c.name, () -> {
        String reason = expectedFailures.get(c.name);
        Throwable failure = runCase(c);
        if (reason == null && failure != null) {
          fail(c.name + ": " + failure.getMessage(), failure);
        }
        if (reason != null && failure == null) {
          fail(c.name + " passes now: remove it from conformance/expected-failures.txt (listed as: " + reason + ")");
        }
      }));
    }
    tests.add(DynamicTest.dynamicTest("expected-failures.txt lists only existing cases", () -> {
      for (String listed : expectedFailures.keySet()) {
        if (!names.contains(listed)) {
          fail("conformance/expected-failures.txt lists '" + listed + "', which is not a case");
        }
      }
    }));
    return tests.stream();
  }

  private static Throwable runCase(ConformanceCase c) {
    try {
      c.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private static void writeReport(Path dir, Path report) throws IOException {
    List<String> lines = new ArrayList<>();
    int passed = 0;
    int failed = 0;
    for (Path f : caseFiles(dir)) {
      String name = f.getFileName().toString();
      try {
        ConformanceCase c = ConformanceCase.load(f);
        name = c.name;
        Throwable t = runCase(c);
        if (t == null) {
          lines.add("PASS " + name);
          passed++;
        } else {
          lines.add("FAIL " + name + ": " + oneLine(t));
          failed++;
        }
      } catch (Exception e) {
        lines.add("FAIL " + name + ": cannot read the case: " + oneLine(e));
        failed++;
      }
    }
    lines.add(passed + " passed, " + failed + " failed");
    Path parent = report.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(report, lines, StandardCharsets.UTF_8);
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    m = m.replace('\n', ' ');
    return m.length() > 600 ? m.substring(0, 600) + "..." : m;
  }

  private static List<Path> caseFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static Map<String, String> expectedFailures() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(resource("conformance/expected-failures.txt"), StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon < 0) {
        throw new IllegalStateException("expected-failures.txt: '" + l + "' must be 'case_name: reason'");
      }
      out.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
    }
    return out;
  }

  private static Path resource(String name) {
    try {
      var url = SparkConformanceTest.class.getClassLoader().getResource(name);
      if (url == null) {
        throw new IllegalStateException("Test resource " + name + " is missing");
      }
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
