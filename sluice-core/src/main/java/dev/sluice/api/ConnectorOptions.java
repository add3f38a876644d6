package dev.sluice.api;

import dev.sluice.conf.OptionNames;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Warns about misspelled connector options (see {@link OptionNames}) where readers and writers hand them on. */
final class ConnectorOptions {
  /** Options every writer reads itself, whatever the sink. */
  private static final Set<String> WRITER = Set.of("path", "checkpointLocation", "queryName", "outputMode", "trigger",
      "saveMode", "partitionBy");

  private ConnectorOptions() {}

  static void checkSource(String format, Set<String> known, Map<String, String> options) {
    if (known != null) {
      Set<String> all = new TreeSet<>(known);
      all.add("path");
      OptionNames.checkOptions("the " + format + " source", options, all);
    }
  }

  static void checkSink(String format, Set<String> known, Map<String, String> options) {
    if (known != null) {
      Set<String> all = new TreeSet<>(known);
      all.addAll(WRITER);
      OptionNames.checkOptions("the " + format + " sink", options, all);
    }
  }
}
