package dev.sluice.plan.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One built-in function, as the analyzer resolves it and as users read about it: its name and
 * aliases, its group (Spark's function groups: {@code string_funcs}, {@code agg_funcs}, ...), how many
 * arguments it takes, its usage line and description, examples with the results Spark gives, and the
 * builder that turns resolved arguments into the resolved expression (inserting the implicit casts
 * its signature needs).
 *
 * <p>{@code DESCRIBE FUNCTION}, {@code SHOW FUNCTIONS}, the "did you mean" hints, the argument-count
 * errors and the generated function reference ({@code docs/functions.md}) all read the spec, and a
 * test runs every example through the engine, so what the reference shows is what Sluice does.
 *
 * <p>A spec is filled while its family registers (the chained {@link #doc}, {@link #example} and
 * {@link #group} calls) and published to lookups only when the family is complete; after that it
 * never changes.
 */
public final class FunctionSpec {
  /** An example: a SQL statement and its result as Spark prints it (columns tab-separated, one line per row). */
  public record Example(String sql, String result) {
    public Example {
      Objects.requireNonNull(sql);
      Objects.requireNonNull(result);
    }
  }

  private final String name;
  private final FunctionRegistry.Builder builder;
  private final int minArgs;
  private final int maxArgs;
  private final boolean aggregate;
  private final String usage;
  private final String definedIn;
  private final List<String> aliases = new ArrayList<>();
  private final List<Example> examples = new ArrayList<>();
  private String group;
  private String description = "";

  FunctionSpec(String name, FunctionRegistry.Builder builder, int minArgs, int maxArgs, boolean aggregate,
      String usage, String group, String definedIn) {
    this.name = name;
    this.builder = builder;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.aggregate = aggregate;
    this.usage = usage;
    this.group = group;
    this.definedIn = definedIn;
  }

  /** The primary name, as registered. */
  public String name() {
    return name;
  }

  public FunctionRegistry.Builder builder() {
    return builder;
  }

  public int minArgs() {
    return minArgs;
  }

  /** {@link Integer#MAX_VALUE} for a variadic function. */
  public int maxArgs() {
    return maxArgs;
  }

  public boolean aggregate() {
    return aggregate;
  }

  /** The signature under the primary name, e.g. {@code trim(str[, chars])}. */
  public String usage() {
    return usage;
  }

  /** The signature as called by {@code calledAs}, an alias or the primary name. */
  public String usage(String calledAs) {
    if (calledAs.equalsIgnoreCase(name)) {
      return usage;
    }
    // Usage lines start with the name (or list forms separated by " | "): rename each form.
    return usage.replace(name + "(", calledAs + "(");
  }

  /** What the function returns and how it treats NULLs and edge cases; empty when not written yet. */
  public String description() {
    return description;
  }

  /** Spark's function group, e.g. {@code string_funcs}. */
  public String group() {
    return group;
  }

  /** The other names the function answers to, in registration order. */
  public List<String> aliases() {
    return Collections.unmodifiableList(aliases);
  }

  public List<Example> examples() {
    return Collections.unmodifiableList(examples);
  }

  /** Where the function is defined (the family class), what {@code DESCRIBE FUNCTION} shows as its class. */
  public String definedIn() {
    return definedIn;
  }

  /** The argument-count rule in words: {@code 2}, {@code 1 to 3}, {@code at least 1}. */
  public String arity() {
    if (minArgs == maxArgs) {
      return String.valueOf(minArgs);
    }
    return maxArgs == Integer.MAX_VALUE ? "at least " + minArgs : minArgs + " to " + maxArgs;
  }

  // ---------------------------------------------------------------- filled while the family registers

  /** Sets the description (Markdown: `code` in backticks). */
  public FunctionSpec doc(String text) {
    this.description = Objects.requireNonNull(text);
    return this;
  }

  /** Adds an example: a statement and the result Spark prints for it. */
  public FunctionSpec example(String sql, String result) {
    examples.add(new Example(sql, result));
    return this;
  }

  /** Overrides the family's group. */
  public FunctionSpec group(String group) {
    this.group = Objects.requireNonNull(group);
    return this;
  }

  void addAlias(String alias) {
    aliases.add(alias);
  }
}
