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

  /** A registered function: its builder, argument-count rule, whether it aggregates, and its usage text. */
  public record Entry(String name, Builder builder, int minArgs, int maxArgs, boolean aggregate, String usage) {}

  private static final FunctionRegistry BUILTIN = createBuiltin();

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

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
  static final int FAMILIES = 14;

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
      registerFamily(this, loadedFamilies);
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

  public void register(String name, int minArgs, int maxArgs, String usage, Builder b) {
    entries.put(name.toLowerCase(Locale.ROOT), new Entry(name, b, minArgs, maxArgs, false, usage));
  }

  public void registerAggregate(String name, int minArgs, int maxArgs, String usage, Builder b) {
    entries.put(name.toLowerCase(Locale.ROOT), new Entry(name, b, minArgs, maxArgs, true, usage));
  }

  public void alias(String alias, String target) {
    Entry e = entries.get(target.toLowerCase(Locale.ROOT));
    entries.put(alias.toLowerCase(Locale.ROOT), new Entry(alias, e.builder(), e.minArgs(), e.maxArgs(),
        e.aggregate(), e.usage()));
  }

  public Entry lookup(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    Entry e = entries.get(key);
    while (e == null && loadedFamilies < families && loadNextFamily()) {
      e = entries.get(key);
    }
    return e;
  }

  public boolean isAggregate(String name) {
    Entry e = lookup(name);
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
    Entry e = lookup(name);
    if (e == null) {
      throw new AnalysisException(ErrorClass.UNRESOLVED_ROUTINE, "`" + name + "`", suggest(name));
    }
    if (args.size() < e.minArgs() || args.size() > e.maxArgs()) {
      String expected = e.minArgs() == e.maxArgs() ? String.valueOf(e.minArgs())
          : e.maxArgs() == Integer.MAX_VALUE ? "at least " + e.minArgs() : e.minArgs() + " to " + e.maxArgs();
      throw new AnalysisException(ErrorClass.WRONG_NUM_ARGS, "`" + name + "`", expected + " (usage: " + e.usage() + ")",
          args.size());
    }
    return e.builder().build(args, new FunctionContext(name, ansi, ddl, constants));
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
