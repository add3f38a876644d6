package dev.sluice.plan.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The text forms of {@link FunctionSpec}s: what {@code DESCRIBE FUNCTION} prints, which names
 * {@code SHOW FUNCTIONS} lists, and the Markdown function reference ({@code docs/functions.md}).
 */
public final class FunctionDocs {
  private FunctionDocs() {}

  /**
   * The rows of {@code DESCRIBE FUNCTION [EXTENDED]}, as Spark lays them out: {@code Function:},
   * {@code Class:} and {@code Usage:} rows, and with EXTENDED one more row holding the examples.
   */
  public static List<String> describe(FunctionSpec spec, String calledAs, boolean extended) {
    List<String> rows = new ArrayList<>();
    rows.add("Function: " + calledAs);
    rows.add("Class: " + spec.definedIn());
    String description = spec.description().isEmpty() ? "" : " - " + spec.description();
    rows.add("Usage: " + spec.usage(calledAs) + description);
    if (extended) {
      StringBuilder sb = new StringBuilder("Extended Usage:\n");
      if (spec.examples().isEmpty()) {
        sb.append("    No example for ").append(calledAs).append(".\n");
      } else {
        sb.append("    Examples:\n");
        for (FunctionSpec.Example e : spec.examples()) {
          sb.append("      > ").append(e.sql()).append(";\n");
          for (String line : e.result().split("\n", -1)) {
            sb.append("       ").append(line).append('\n');
          }
        }
      }
      List<String> names = new ArrayList<>();
      names.add(spec.name());
      names.addAll(spec.aliases());
      names.removeIf(n -> n.equalsIgnoreCase(calledAs));
      if (!names.isEmpty()) {
        sb.append("  \n    Also called: ").append(String.join(", ", names)).append('\n');
      }
      sb.append("  \n    Group: ").append(spec.group()).append('\n');
      rows.add(sb.toString());
    }
    return rows;
  }

  /**
   * The names (functions and aliases) {@code SHOW FUNCTIONS LIKE pattern} lists, sorted. As in Spark,
   * {@code *} matches any characters, {@code |} separates alternatives, and case does not matter;
   * a null pattern lists every name.
   */
  public static List<String> show(FunctionRegistry registry, String pattern) {
    List<String> names = registry.names();
    if (pattern == null) {
      return names;
    }
    List<Pattern> alternatives = new ArrayList<>();
    for (String alt : pattern.split("\\|")) {
      String t = alt.trim();
      if (!t.isEmpty()) {
        alternatives.add(Pattern.compile(regex(t), Pattern.CASE_INSENSITIVE));
      }
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      for (Pattern p : alternatives) {
        if (p.matcher(n).matches()) {
          out.add(n);
          break;
        }
      }
    }
    return out;
  }

  /** A Spark SHOW pattern (one alternative) as a Java regex: literal text, {@code *} as {@code .*}. */
  private static String regex(String alternative) {
    StringBuilder re = new StringBuilder();
    String[] parts = alternative.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        re.append(".*");
      }
      if (!parts[i].isEmpty()) {
        re.append(Pattern.quote(parts[i]));
      }
    }
    return re.toString();
  }

  /** The function reference in Markdown: one section per group, one entry per function. */
  public static String markdown(FunctionRegistry registry) {
    Map<String, List<FunctionSpec>> byGroup = new TreeMap<>();
    List<FunctionSpec> specs = registry.specs();
    for (FunctionSpec s : specs) {
      byGroup.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
    }
    StringBuilder md = new StringBuilder();
    md.append("# Built-in functions\n\n");
    md.append("Generated from the function specs in `sluice-core` (`dev.sluice.plan.analysis.*Functions`); do not\n")
        .append("edit by hand. Every example below is run by `FunctionExamplesTest`, so each result is what Sluice\n")
        .append("returns (and what Spark returns for the same statement). In SQL, `DESCRIBE FUNCTION EXTENDED name`\n")
        .append("prints the same entry and `SHOW FUNCTIONS LIKE 'pattern'` lists names. Regenerate with\n")
        .append("`mvn -q -B -pl sluice-core test -Dtest=FunctionReferenceTest -Dsluice.regenerateDocs=true`.\n\n");
    md.append(specs.size()).append(" functions in ").append(byGroup.size()).append(" groups:");
    for (String g : byGroup.keySet()) {
      md.append(" [").append(g).append("](#").append(g).append(')');
    }
    md.append(".\n");
    for (Map.Entry<String, List<FunctionSpec>> g : byGroup.entrySet()) {
      md.append("\n## ").append(g.getKey()).append("\n");
      for (FunctionSpec s : g.getValue()) {
        md.append("\n### ").append(escape(s.name())).append("\n\n");
        md.append("`").append(s.usage()).append("`");
        md.append(s.aggregate() ? " (aggregate)" : "").append("\n");
        if (!s.description().isEmpty()) {
          md.append("\n").append(s.description()).append("\n");
        }
        if (!s.aliases().isEmpty()) {
          md.append("\nAlso called: ");
          List<String> quoted = new ArrayList<>();
          for (String a : s.aliases()) {
            quoted.add("`" + a + "`");
          }
          md.append(String.join(", ", quoted)).append(".\n");
        }
        if (!s.examples().isEmpty()) {
          md.append("\n```sql\n");
          for (FunctionSpec.Example e : s.examples()) {
            md.append("> ").append(e.sql()).append(";\n").append(e.result()).append('\n');
          }
          md.append("```\n");
        }
      }
    }
    return md.toString();
  }

  private static String escape(String name) {
    return name.matches("[A-Za-z_][A-Za-z_0-9]*") ? name : "`" + name.toLowerCase(Locale.ROOT) + "`";
  }
}
