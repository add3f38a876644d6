package dev.sluice.sqltests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The directives in the comments of a {@code sql-tests/inputs/*.sql} file, read as Spark's
 * SQLQueryTestSuite reads them:
 *
 * <ul>
 *   <li>{@code --SET k=v[,k=v...]}: configuration for the whole file;
 *   <li>{@code --CONFIG_DIM<n> k=v[,k=v...]}: one alternative configuration set of dimension n. Spark
 *       runs the file once per combination and demands the same golden answer from each, so one set
 *       per dimension (the first) is enough here;
 *   <li>{@code --IMPORT other.sql}: the statements of another file run first. The golden file
 *       already lists them, so the runner needs no more than the name (for reports).
 * </ul>
 *
 * The statements themselves come from the golden file, which has them exactly as Spark ran them.
 */
public record InputDirectives(List<Map.Entry<String, String>> settings,
    Map<String, List<List<Map.Entry<String, String>>>> configDimensions, List<String> imports) {

  public InputDirectives {
    settings = List.copyOf(settings);
    configDimensions = Map.copyOf(configDimensions);
    imports = List.copyOf(imports);
  }

  public static InputDirectives parse(String text) {
    List<Map.Entry<String, String>> settings = new ArrayList<>();
    Map<String, List<List<Map.Entry<String, String>>>> dims = new TreeMap<>();
    List<String> imports = new ArrayList<>();
    for (String line : text.replace("\r\n", "\n").split("\n")) {
      // Spark matches these on the line as written (not trimmed), like its own splitter.
      if (line.startsWith("--SET ")) {
        settings.addAll(configs(line.substring(6)));
      } else if (line.startsWith("--CONFIG_DIM")) {
        String rest = line.substring("--CONFIG_DIM".length());
        int space = rest.indexOf(' ');
        if (space > 0) {
          dims.computeIfAbsent(rest.substring(0, space), k -> new ArrayList<>()).add(configs(rest.substring(space + 1)));
        }
      } else if (line.startsWith("--IMPORT ")) {
        imports.add(line.substring(9).trim());
      }
    }
    return new InputDirectives(settings, dims, imports);
  }

  /** The configuration to run with: the --SET entries, then the first set of each dimension. */
  public List<Map.Entry<String, String>> effectiveSettings() {
    List<Map.Entry<String, String>> out = new ArrayList<>(settings);
    new TreeMap<>(configDimensions).values().forEach(sets -> out.addAll(sets.get(0)));
    return out;
  }

  private static List<Map.Entry<String, String>> configs(String list) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String kv : list.split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        out.add(Map.entry(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim()));
      }
    }
    return out;
  }
}
