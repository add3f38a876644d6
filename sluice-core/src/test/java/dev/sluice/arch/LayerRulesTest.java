package dev.sluice.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer table of DESIGN.md as a test: a class of one layer may not depend on a class of a layer
 * that layer "must not know about". Layers are the packages directly under {@code dev.sluice}.
 * Debts that remain are listed in {@link #KNOWN_DEBTS}, each with the work that removes it; a debt that
 * no longer occurs fails the test too, so the list can only shrink.
 */
class LayerRulesTest {

  private static final Set<String> LOW = Set.of("fs", "types", "vector", "errors", "conf", "util", "formats");
  private static final Set<String> ABOVE_LOW =
      Set.of("api", "sql", "plan", "exec", "streaming", "state", "connector");

  /** layer -> layers (or layer.subpackage) it must not depend on. */
  private static final Map<String, Set<String>> MUST_NOT_KNOW = Map.of(
      "sql", Set.of("exec", "vector", "streaming", "state", "connector", "api"),
      "plan", Set.of("connector", "exec", "streaming", "state", "sql", "api", "vector"),
      "exec", Set.of("connector", "state", "streaming", "sql", "api"),
      "streaming", Set.of("api", "sql", "connector.builtin", "connector.file"),
      "state", Set.of("plan", "exec", "connector", "streaming", "sql", "api"),
      "connector", Set.of("plan", "exec", "streaming", "state", "sql", "api"));

  /**
   * Dependencies against the table that are still there: "from-layer -> to-layer" to the reason and
   * the work (issue 11's points) that removes them.
   */
  private static final Map<String, String> KNOWN_DEBTS = Map.of(
      "plan -> vector", "a local relation (VALUES, createDataFrame) holds its rows as column batches, the"
          + " form its scan hands on without copying; no plan class evaluates anything on vectors",
      "plan -> connector", "streaming/data-source relations hold connector handles (input partitions,"
          + " source providers); relations get a scan abstraction (point 6)",
      "exec -> connector", "scan operators read connector input partitions and translate pushed filters"
          + " (point 6: push-down as one rule)",
      "streaming -> api", "stateful operators and StreamExecution report through api progress, trigger,"
          + " output-mode and listener types (point 6: these move below api)");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.sluice");
  }

  @Test
  void everyLayerOfTheTableIsAPackage() {
    Set<String> layers = new TreeSet<>();
    for (JavaClass c : classes) {
      String l = layer(c.getPackageName());
      if (l != null) {
        layers.add(l);
      }
    }
    Set<String> expected = new TreeSet<>(LOW);
    expected.addAll(ABOVE_LOW);
    assertThat(layers).containsAll(expected);
  }

  @Test
  void noLayerDependsOnWhatItMustNotKnow() {
    Map<String, Set<String>> found = violations();
    Map<String, Set<String>> unexpected = new TreeMap<>(found);
    unexpected.keySet().removeAll(KNOWN_DEBTS.keySet());
    assertThat(unexpected)
        .as("dependencies against the layer table of DESIGN.md (move the code to the layer it"
            + " belongs to, or depend on an interface of a lower layer)")
        .isEmpty();
  }

  @Test
  void knownDebtsAreStillThereOrAreRemovedFromTheList() {
    Set<String> stale = new TreeSet<>(KNOWN_DEBTS.keySet());
    stale.removeAll(violations().keySet());
    assertThat(stale).as("debts that no longer occur: delete them from KNOWN_DEBTS").isEmpty();
  }

  @Test
  void lowLayersDependOnlyOnEachOther() {
    Map<String, Set<String>> found = new TreeMap<>();
    for (JavaClass c : classes) {
      String from = layer(c.getPackageName());
      if (!LOW.contains(from)) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = layer(d.getTargetClass().getPackageName());
        if (to != null && ABOVE_LOW.contains(to)) {
          found.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
              .add(c.getName() + " -> " + d.getTargetClass().getName());
        }
      }
    }
    assertThat(found).isEmpty();
  }

  /** "from -> to" to the class pairs that make it, for every forbidden edge of the table. */
  private static Map<String, Set<String>> violations() {
    Map<String, Set<String>> found = new TreeMap<>();
    for (JavaClass c : classes) {
      String from = layer(c.getPackageName());
      Set<String> forbidden = MUST_NOT_KNOW.get(from);
      if (forbidden == null) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        String to = layer(target);
        if (to == null || to.equals(from)) {
          continue;
        }
        String sub = sublayer(target);
        if (forbidden.contains(to) || (sub != null && forbidden.contains(sub))) {
          found.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
              .add(c.getName() + " -> " + d.getTargetClass().getName());
        }
      }
    }
    return found;
  }

  private static String layer(String pkg) {
    List<String> parts = List.of(pkg.split("\\."));
    if (parts.size() < 3 || !parts.get(0).equals("dev") || !parts.get(1).equals("sluice")) {
      return null;
    }
    return parts.get(2);
  }

  private static String sublayer(String pkg) {
    String[] parts = pkg.split("\\.");
    return parts.length >= 4 ? parts[2] + "." + parts[3] : null;
  }
}
