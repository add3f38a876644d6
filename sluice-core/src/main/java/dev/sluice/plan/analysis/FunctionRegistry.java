package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.Expression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Built-in functions and operators by name (case-insensitive). A builder receives resolved
 * arguments and returns the resolved expression, inserting the implicit casts the function needs.
 * Operators are functions too ({@code +}, {@code =}, {@code and}), so the DataFrame API and SQL
 * share one implementation of each.
 */
public final class FunctionRegistry {
  /** Builds the resolved expression from resolved arguments. */
  @FunctionalInterface
  public interface Builder {
    Expression build(List<Expression> args, FunctionContext ctx);
  }

  /**
   * What a builder may consult: the function's name as called, the session's ANSI mode, the parser of
   * DDL schema arguments, and the evaluation of constant arguments.
   */
  public record FunctionContext(String name, boolean ansi, DdlParser ddl, ConstantEvaluation constants) {
    /** The value of a foldable argument. */
    public Object constant(Expression e) {
      return constants.value(e);
    }
  }

  private static final FunctionRegistry BUILTIN = createBuiltin();

  /** Published specs by lower-case name and alias. */
  private final Map<String, FunctionSpec> entries = new ConcurrentHashMap<>();
  /** While a family registers (under the lock): its specs, published together when it is complete. */
  private Map<String, FunctionSpec> pending;
  private String pendingGroup = "misc_funcs";
  private String pendingDefinedIn = FunctionRegistry.class.getName();

  public static FunctionRegistry builtin() {
    return BUILTIN;
  }

  private static FunctionRegistry createBuiltin() {
    return new FunctionRegistry(FAMILIES);
  }

  /**
   * Function families, most used first. A family is registered on the first lookup of a name not
   * found in the families before it: registering creates each function's builder, and creating all
   * ~250 at once cost a new JVM tens of milliseconds before its first query. No name is in two
   * families (FunctionRegistryTest checks), so the order only decides what loads when.
   */
  static final int FAMILIES = 15;

  /** Each family's default Spark function group (a spec may override it), by family index. */
  private static final String[] FAMILY_GROUPS = {"predicate_funcs", "agg_funcs", "conditional_funcs",
      "datetime_funcs", "string_funcs", "math_funcs", "datetime_funcs", "string_funcs", "string_funcs",
      "bitwise_funcs", "collection_funcs", "generator_funcs", "misc_funcs", "json_funcs", "window_funcs"};

  private static final String[] FAMILY_CLASSES = {"OperatorFunctions", "AggregateFunctions",
      "ConditionalFunctions", "EventTimeFunctions", "StringFunctions", "MathFunctions", "DateTimeFunctions",
      "RegexpFunctions", "EncodingFunctions", "BitwiseFunctions", "CollectionFunctions", "GeneratorFunctions",
      "MiscFunctions", "FileFunctions", "WindowFunctions"};

  static void registerFamily(FunctionRegistry r, int family) {
    switch (family) {
      case 0 -> OperatorFunctions.register(r);
      case 1 -> AggregateFunctions.register(r);
      case 2 -> ConditionalFunctions.register(r);
      case 3 -> EventTimeFunctions.register(r);
      case 4 -> StringFunctions.register(r);
      case 5 -> MathFunctions.register(r);
      case 6 -> DateTimeFunctions.register(r);
      case 7 -> RegexpFunctions.register(r);
      case 8 -> EncodingFunctions.register(r);
      case 9 -> BitwiseFunctions.register(r);
      case 10 -> CollectionFunctions.register(r);
      case 11 -> GeneratorFunctions.register(r);
      case 12 -> MiscFunctions.register(r);
      case 13 -> FileFunctions.register(r);
      case 14 -> WindowFunctions.register(r);
      default -> throw new IllegalArgumentException("no function family " + family);
    }
  }

  /** How many of the built-in families a lazily filled registry holds so far. */
  private volatile int loadedFamilies;
  private final int families;

  /** An empty registry. */
  public FunctionRegistry() {
    this(0);
  }

  private FunctionRegistry(int lazyFamilies) {
    this.families = lazyFamilies;
  }

  /** Registers the next family; false when all are registered. */
  private boolean loadNextFamily() {
    synchronized (this) {
      if (loadedFamilies >= families) {
        return false;
      }
      pending = new java.util.LinkedHashMap<>();
      pendingGroup = FAMILY_GROUPS[loadedFamilies];
      pendingDefinedIn = FunctionRegistry.class.getPackageName() + "." + FAMILY_CLASSES[loadedFamilies];
      try {
        registerFamily(this, loadedFamilies);
        entries.putAll(pending);
      } finally {
        pending = null;
      }
      loadedFamilies++;
      return true;
    }
  }

  /** Registers everything now (tests, documentation, warm-up). */
  public FunctionRegistry loadAll() {
    while (loadNextFamily()) {
      // next
    }
    return this;
  }

  /** Registers a scalar function; the returned spec takes its documentation ({@link FunctionSpec#doc}). */
  public FunctionSpec register(String name, int minArgs, int maxArgs, String usage, Builder b) {
    return add(name, minArgs, maxArgs, usage, b, false);
  }

  public FunctionSpec registerAggregate(String name, int minArgs, int maxArgs, String usage, Builder b) {
    return add(name, minArgs, maxArgs, usage, b, true);
  }

  private FunctionSpec add(String name, int minArgs, int maxArgs, String usage, Builder b, boolean aggregate) {
    FunctionSpec spec = new FunctionSpec(name, b, minArgs, maxArgs, aggregate, usage, pendingGroup, pendingDefinedIn);
    publish(name, spec);
    return spec;
  }

  /** Makes {@code alias} another name of {@code target}'s spec. */
  public void alias(String alias, String target) {
    FunctionSpec spec = lookup(target);
    if (spec == null) {
      throw new IllegalArgumentException("alias " + alias + " of unknown function " + target);
    }
    spec.addAlias(alias);
    publish(alias, spec);
  }

  private void publish(String name, FunctionSpec spec) {
    (pending != null ? pending : entries).put(name.toLowerCase(Locale.ROOT), spec);
  }

  /** The spec a name (or alias, any case) denotes, or null. */
  public FunctionSpec lookup(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    FunctionSpec e = entries.get(key);
    if (e == null && pending != null && Thread.holdsLock(this)) {
      e = pending.get(key); // a family looking up one of its own functions while it registers
    }
    while (e == null && loadedFamilies < families && loadNextFamily()) {
      e = entries.get(key);
    }
    return e;
  }

  /** Every function once (aliases not repeated), ordered by name. */
  public List<FunctionSpec> specs() {
    loadAll();
    TreeMap<String, FunctionSpec> byName = new TreeMap<>();
    for (FunctionSpec f : entries.values()) {
      byName.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f);
    }
    return List.copyOf(byName.values());
  }

  public boolean isAggregate(String name) {
    FunctionSpec e = lookup(name);
    return e != null && e.aggregate();
  }

  /** Sorted names of every function, for documentation and "did you mean" hints. */
  public List<String> names() {
    loadAll();
    List<String> out = new ArrayList<>(new TreeMap<>(entries).keySet());
    return Collections.unmodifiableList(out);
  }

  /** Resolves a call: checks the name and argument count, then builds. */
  public Expression build(String name, List<Expression> args, boolean ansi, DdlParser ddl,
      ConstantEvaluation constants) {
    FunctionSpec e = lookup(name);
    if (e == null) {
      throw unknown(name);
    }
    if (args.size() < e.minArgs() || args.size() > e.maxArgs()) {
      throw new AnalysisException(ErrorClass.WRONG_NUM_ARGS, "`" + name + "`",
          e.arity() + " (usage: " + e.usage(name) + ")", args.size());
    }
    return e.builder().build(args, new FunctionContext(name, ansi, ddl, constants));
  }

  /** The error for a name that is no function: UNRESOLVED_ROUTINE, with the closest names. */
  public AnalysisException unknown(String name) {
    loadAll();
    return new AnalysisException(ErrorClass.UNRESOLVED_ROUTINE, "`" + name + "`", suggest(name));
  }

  private String suggest(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    List<String> close = new ArrayList<>();
    for (String k : entries.keySet()) {
      if (!k.matches("[a-z_0-9]+")) {
        continue;
      }
      if (editDistance(k, n) <= 2 || k.startsWith(n) || n.startsWith(k)) {
        close.add(k);
      }
    }
    Collections.sort(close);
    return close.isEmpty() ? "Check the spelling; Sluice has " + entries.size() + " built-in functions."
        : "Did you mean " + String.join(", ", close.subList(0, Math.min(5, close.size()))) + "?";
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
