package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/** Marker for expressions the analyzer must replace; they have no type and cannot be evaluated. */
public abstract class Unresolved extends Expression {
  @Override
  public final DataType dataType() {
    throw new IllegalStateException("Unresolved expression " + sql() + " has no type yet");
  }

  @Override
  protected final boolean computeResolved() {
    return false;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  /** A column by (possibly qualified or nested) name, e.g. {@code t.window.start}. */
  public static final class Attribute extends Unresolved {
    private final List<String> nameParts;

    public Attribute(List<String> nameParts) {
      this.nameParts = List.copyOf(nameParts);
    }

    public static Attribute quoted(String name) {
      return new Attribute(List.of(name));
    }

    /** Splits on dots outside backticks: {@code a.b} is two parts, {@code `a.b`} one. */
    public static Attribute parse(String name) {
      return new Attribute(splitName(name));
    }

    public static List<String> splitName(String name) {
      java.util.ArrayList<String> parts = new java.util.ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean inQuote = false;
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c == '`') {
          if (inQuote && i + 1 < name.length() && name.charAt(i + 1) == '`') {
            cur.append('`');
            i++;
          } else {
            inQuote = !inQuote;
          }
        } else if (c == '.' && !inQuote) {
          parts.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      parts.add(cur.toString());
      return parts;
    }

    public List<String> nameParts() {
      return nameParts;
    }

    public String name() {
      return String.join(".", nameParts);
    }

    @Override
    public List<Expression> children() {
      return List.of();
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return this;
    }

    @Override
    protected List<Object> args() {
      return List.of(nameParts);
    }

    @Override
    public String sql() {
      return name();
    }
  }

  /** {@code *} or {@code t.*}. */
  public static final class Star extends Unresolved {
    private final List<String> qualifier;

    public Star(List<String> qualifier) {
      this.qualifier = qualifier == null ? List.of() : List.copyOf(qualifier);
    }

    public List<String> qualifier() {
      return qualifier;
    }

    @Override
    public List<Expression> children() {
      return List.of();
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return this;
    }

    @Override
    protected List<Object> args() {
      return List.of(qualifier);
    }

    @Override
    public String sql() {
      return qualifier.isEmpty() ? "*" : String.join(".", qualifier) + ".*";
    }
  }

  /** A function call by name; the analyzer looks it up in the function registry. */
  public static final class Function extends Unresolved {
    private final String name;
    private final List<Expression> arguments;
    private final boolean distinct;
    private final Expression filter;
    private final boolean star;

    public Function(String name, List<Expression> arguments, boolean distinct, Expression filter, boolean star) {
      this.name = name;
      this.arguments = List.copyOf(arguments);
      this.distinct = distinct;
      this.filter = filter;
      this.star = star;
    }

    public Function(String name, List<Expression> arguments) {
      this(name, arguments, false, null, false);
    }

    public String name() {
      return name;
    }

    public List<Expression> arguments() {
      return arguments;
    }

    public boolean isDistinct() {
      return distinct;
    }

    /** The FILTER (WHERE ...) clause of an aggregate call, or null. */
    public Expression filter() {
      return filter;
    }

    /** True for {@code count(*)}. */
    public boolean isStar() {
      return star;
    }

    @Override
    public List<Expression> children() {
      if (filter == null) {
        return arguments;
      }
      java.util.ArrayList<Expression> c = new java.util.ArrayList<>(arguments);
      c.add(filter);
      return c;
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      if (filter == null) {
        return new Function(name, c, distinct, null, star);
      }
      return new Function(name, c.subList(0, c.size() - 1), distinct, c.get(c.size() - 1), star);
    }

    @Override
    protected List<Object> args() {
      return List.of(name.toLowerCase(java.util.Locale.ROOT), distinct, star);
    }

    @Override
    public String sql() {
      StringBuilder sb = new StringBuilder(name).append('(');
      if (distinct) {
        sb.append("DISTINCT ");
      }
      if (star) {
        sb.append('*');
      }
      for (int i = 0; i < arguments.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(arguments.get(i).sql());
      }
      sb.append(')');
      if (filter != null) {
        sb.append(" FILTER (WHERE ").append(filter.sql()).append(')');
      }
      return sb.toString();
    }
  }

  /** {@code expr.field} on an expression that is not a plain column name. */
  public static final class ExtractValue extends Unresolved {
    private final Expression child;
    private final String field;

    public ExtractValue(Expression child, String field) {
      this.child = child;
      this.field = field;
    }

    public Expression child() {
      return child;
    }

    public String field() {
      return field;
    }

    @Override
    public List<Expression> children() {
      return List.of(child);
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return new ExtractValue(c.get(0), field);
    }

    @Override
    protected List<Object> args() {
      return List.of(field);
    }

    @Override
    public String sql() {
      return child.sql() + "." + field;
    }
  }

  /** An expression whose output name the analyzer derives (Spark's auto-generated column names). */
  public static final class AutoAlias extends Unresolved {
    private final Expression child;

    public AutoAlias(Expression child) {
      this.child = child;
    }

    public Expression child() {
      return child;
    }

    @Override
    public List<Expression> children() {
      return List.of(child);
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return new AutoAlias(c.get(0));
    }

    @Override
    public String sql() {
      return child.sql();
    }
  }

  /**
   * Names for the several columns of a generator: {@code posexplode(a) AS (p, v)} in SQL,
   * {@code posexplode(col("a")).as("p", "v")} in the DataFrame API. Resolved with the generator.
   */
  public static final class MultiAlias extends Unresolved {
    private final Expression child;
    private final List<String> names;

    public MultiAlias(Expression child, List<String> names) {
      this.child = child;
      this.names = List.copyOf(names);
    }

    public Expression child() {
      return child;
    }

    public List<String> names() {
      return names;
    }

    @Override
    public List<Expression> children() {
      return List.of(child);
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return new MultiAlias(c.get(0), names);
    }

    @Override
    protected List<Object> args() {
      return List.of(names);
    }

    @Override
    public String sql() {
      return child.sql() + " AS (" + String.join(", ", names) + ")";
    }
  }

  /**
   * CUBE, ROLLUP or GROUPING SETS as one item of a GROUP BY, with its grouping sets spelled out: each
   * set is a list of positions into {@link #children()} (the expressions as written, each once). The
   * analyzer resolves the children like other GROUP BY items, combines the item with the others (a
   * cartesian product of their sets) and computes the aggregation once per set over an Expand.
   *
   * <p>The first {@link #userGiven()} children are Hive's explicit grouping list ({@code GROUP BY a, b
   * GROUPING SETS ((a), ())}), which decides the grouping columns; when it is 0 the grouping columns are
   * the distinct expressions of the sets.
   */
  public static final class GroupingSets extends Unresolved {
    private final List<Expression> children;
    private final List<List<Integer>> sets;
    private final int userGiven;

    public GroupingSets(List<Expression> children, List<List<Integer>> sets, int userGiven) {
      this.children = List.copyOf(children);
      this.sets = sets.stream().map(List::copyOf).toList();
      this.userGiven = userGiven;
    }

    /**
     * From sets of expressions, after an explicit grouping list ({@code userGiven}, may be empty):
     * every distinct expression becomes one child.
     */
    public static GroupingSets of(List<? extends Expression> userGiven, List<? extends List<? extends Expression>> sets) {
      List<Expression> children = new java.util.ArrayList<>(userGiven);
      List<List<Integer>> positions = new java.util.ArrayList<>();
      for (List<? extends Expression> set : sets) {
        List<Integer> ps = new java.util.ArrayList<>();
        for (Expression e : set) {
          int i = children.subList(userGiven.size(), children.size()).indexOf(e);
          if (i < 0) {
            children.add(e);
            i = children.size() - 1;
          } else {
            i += userGiven.size();
          }
          ps.add(i);
        }
        positions.add(ps);
      }
      return new GroupingSets(children, positions, userGiven.size());
    }

    /** Sluice's limit on the grouping sets of one aggregation (Spark has none; each input row becomes one row per set). */
    public static final int MAX_SETS = 4096;

    /** {@code CUBE(e1, ..., en)}: every subset of the elements, the whole first and the empty set last (Spark's order). */
    public static GroupingSets cube(List<? extends List<? extends Expression>> elements) {
      if (elements.size() > 12) {
        throw new dev.sluice.errors.AnalysisException(dev.sluice.errors.ErrorClass.UNSUPPORTED_FEATURE,
            "a CUBE of " + elements.size() + " columns (2^" + elements.size() + " grouping sets, more than "
                + MAX_SETS + "); list the sets you need with GROUPING SETS");
      }
      List<List<Expression>> sets = new java.util.ArrayList<>();
      sets.add(List.of());
      for (int i = elements.size() - 1; i >= 0; i--) {
        List<List<Expression>> with = new java.util.ArrayList<>();
        for (List<Expression> s : sets) {
          List<Expression> w = new java.util.ArrayList<>(elements.get(i));
          w.addAll(s);
          with.add(w);
        }
        with.addAll(sets);
        sets = with;
      }
      return of(List.of(), sets);
    }

    /** {@code ROLLUP(e1, ..., en)}: the prefixes of the elements, longest first, down to the empty set. */
    public static GroupingSets rollup(List<? extends List<? extends Expression>> elements) {
      List<List<Expression>> sets = new java.util.ArrayList<>();
      for (int n = elements.size(); n >= 0; n--) {
        List<Expression> s = new java.util.ArrayList<>();
        for (List<? extends Expression> e : elements.subList(0, n)) {
          s.addAll(e);
        }
        sets.add(s);
      }
      return of(List.of(), sets);
    }

    /** The grouping sets, as positions into {@link #children()}, each set as a list of expressions. */
    public List<List<Expression>> expressionSets() {
      return sets.stream().map(s -> s.stream().map(children::get).toList()).toList();
    }

    /** The grouping sets, as positions into {@link #children()}. */
    public List<List<Integer>> sets() {
      return sets;
    }

    public int userGiven() {
      return userGiven;
    }

    @Override
    public List<Expression> children() {
      return children;
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return new GroupingSets(c, sets, userGiven);
    }

    @Override
    protected List<Object> args() {
      return List.of(sets, userGiven);
    }

    @Override
    public String sql() {
      StringBuilder sb = new StringBuilder("GROUPING SETS(");
      for (int i = 0; i < sets.size(); i++) {
        sb.append(i == 0 ? "(" : ", (");
        List<Integer> set = sets.get(i);
        for (int j = 0; j < set.size(); j++) {
          sb.append(j == 0 ? "" : ", ").append(children.get(set.get(j)).sql());
        }
        sb.append(")");
      }
      return sb.append(")").toString();
    }
  }

  /** A GROUP BY / ORDER BY position ({@code GROUP BY 1}), resolved against the select list. */
  public static final class Ordinal extends Unresolved {
    private final int position;

    public Ordinal(int position) {
      this.position = position;
    }

    public int position() {
      return position;
    }

    @Override
    public List<Expression> children() {
      return List.of();
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return this;
    }

    @Override
    protected List<Object> args() {
      return List.of(position);
    }

    @Override
    public String sql() {
      return String.valueOf(position);
    }
  }

  /** {@code CAST(x AS type)} / {@code try_cast}: resolved to a {@link Cast} with the session's ANSI mode. */
  public static final class CastTo extends Unresolved {
    private final Expression child;
    private final DataType target;
    private final boolean isTry;

    public CastTo(Expression child, DataType target, boolean isTry) {
      this.child = child;
      this.target = target;
      this.isTry = isTry;
    }

    public Expression child() {
      return child;
    }

    public DataType target() {
      return target;
    }

    public boolean isTry() {
      return isTry;
    }

    @Override
    public List<Expression> children() {
      return List.of(child);
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return new CastTo(c.get(0), target, isTry);
    }

    @Override
    protected List<Object> args() {
      return List.of(target, isTry);
    }

    @Override
    public String sql() {
      return (isTry ? "try_cast(" : "CAST(") + child.sql() + " AS " + target.sql() + ")";
    }
  }
}
