package dev.sluice.api;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.UnresolvedWindowExpression;
import dev.sluice.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * A column expression of the DataFrame API, e.g. {@code col("price").multiply(2).alias("double")}.
 * Immutable; it is resolved against a DataFrame when used in one.
 */
public final class Column {
  private final Expression expr;

  public Column(Expression expr) {
    this.expr = expr;
  }

  /** A column by name; {@code "t.a"} is qualified, {@code "s.field"} reads a struct field. */
  public Column(String name) {
    this(name.equals("*") ? new Unresolved.Star(List.of())
        : name.endsWith(".*") ? new Unresolved.Star(Unresolved.Attribute.splitName(name.substring(0, name.length() - 2)))
        : Unresolved.Attribute.parse(name));
  }

  public Expression expr() {
    return expr;
  }

  static Expression toExpr(Object o) {
    if (o instanceof Column c) {
      return c.expr;
    }
    return Literal.of(o);
  }

  static Column fn(String name, Object... args) {
    List<Expression> es = new ArrayList<>(args.length);
    for (Object a : args) {
      es.add(toExpr(a));
    }
    return new Column(new Unresolved.Function(name, es));
  }

  // ---- arithmetic
  public Column plus(Object other) {
    return fn("+", this, other);
  }

  public Column minus(Object other) {
    return fn("-", this, other);
  }

  public Column multiply(Object other) {
    return fn("*", this, other);
  }

  public Column divide(Object other) {
    return fn("/", this, other);
  }

  public Column mod(Object other) {
    return fn("%", this, other);
  }

  public Column unaryMinus() {
    return fn("negative", this);
  }

  // ---- comparison
  public Column equalTo(Object other) {
    return fn("=", this, other);
  }

  public Column notEqual(Object other) {
    return fn("<>", this, other);
  }

  public Column gt(Object other) {
    return fn(">", this, other);
  }

  public Column geq(Object other) {
    return fn(">=", this, other);
  }

  public Column lt(Object other) {
    return fn("<", this, other);
  }

  public Column leq(Object other) {
    return fn("<=", this, other);
  }

  /** Null-safe equality ({@code <=>}): true when both are NULL. */
  public Column eqNullSafe(Object other) {
    return fn("<=>", this, other);
  }

  public Column between(Object lower, Object upper) {
    return geq(lower).and(leq(upper));
  }

  // ---- boolean
  public Column and(Column other) {
    return fn("and", this, other);
  }

  public Column or(Column other) {
    return fn("or", this, other);
  }

  public Column not() {
    return fn("not", this);
  }

  public Column isNull() {
    return fn("isnull", this);
  }

  public Column isNotNull() {
    return fn("isnotnull", this);
  }

  public Column isin(Object... values) {
    Object[] args = new Object[values.length + 1];
    args[0] = this;
    System.arraycopy(values, 0, args, 1, values.length);
    return fn("in", args);
  }

  /** SQL LIKE with {@code %} and {@code _}. */
  public Column like(String pattern) {
    return fn("like", this, pattern);
  }

  public Column ilike(String pattern) {
    return fn("ilike", this, pattern);
  }

  /** Java regular expression search. */
  public Column rlike(String regex) {
    return fn("rlike", this, regex);
  }

  public Column startsWith(String prefix) {
    return like(escapeLike(prefix) + "%");
  }

  public Column endsWith(String suffix) {
    return like("%" + escapeLike(suffix));
  }

  public Column contains(String s) {
    return like("%" + escapeLike(s) + "%");
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  public Column substr(int pos, int len) {
    return fn("substring", this, pos, len);
  }

  // ---- naming, types
  /**
   * This function over a window: {@code rank().over(Window.partitionBy("k").orderBy("v"))}, or an aggregate
   * over the window's frame.
   */
  public Column over(dev.sluice.api.expressions.WindowSpec window) {
    return new Column(new UnresolvedWindowExpression(expr, window.partitionExpressions(), window.orderExpressions(),
        window.frame()));
  }

  /** An aggregate over the whole input as one window partition ({@code OVER ()}). */
  public Column over() {
    return new Column(new UnresolvedWindowExpression(expr, List.of(), List.of(), null));
  }

  public Column alias(String name) {
    return new Column(new Alias(stripAlias(expr), name));
  }

  public Column as(String name) {
    return alias(name);
  }

  /** Names the columns of a generator that makes several: {@code posexplode(col("a")).as("pos", "v")}. */
  public Column as(String... names) {
    if (names.length == 1) {
      return alias(names[0]);
    }
    return new Column(new dev.sluice.plan.expr.Unresolved.MultiAlias(stripAlias(expr), java.util.List.of(names)));
  }

  public Column name(String name) {
    return alias(name);
  }

  private static Expression stripAlias(Expression e) {
    return e instanceof Alias a ? a.child() : e;
  }

  public Column cast(DataType type) {
    return new Column(new Unresolved.CastTo(expr, type, false));
  }

  /** Cast by type name, e.g. {@code "int"}, {@code "decimal(10,2)"}. */
  public Column cast(String type) {
    return cast(dev.sluice.sql.SqlParser.parseDataType(type));
  }

  public Column tryCast(DataType type) {
    return new Column(new Unresolved.CastTo(expr, type, true));
  }

  /**
   * {@code col[key]}: the array element at a 0-based index (under ANSI, an index out of bounds is an
   * error; {@code functions.get} returns NULL instead), a map's value for a key, or a struct field.
   */
  public Column getItem(Object key) {
    return fn("[]", this, key);
  }

  /** A field of a struct column. */
  public Column getField(String field) {
    return new Column(new Unresolved.ExtractValue(expr, field));
  }

  // ---- CASE WHEN, built by functions.when(...)
  /** Adds a branch to a {@code when(...)} chain. */
  public Column when(Column condition, Object value) {
    if (!(expr instanceof Unresolved.Function f) || !f.name().equals("casewhen") || f.arguments().size() % 2 == 1) {
      throw new IllegalArgumentException("when() can only follow functions.when(...) or another when(...)");
    }
    List<Expression> args = new ArrayList<>(f.arguments());
    args.add(condition.expr);
    args.add(toExpr(value));
    return new Column(new Unresolved.Function("casewhen", args));
  }

  /** The value when no branch matched; without it, NULL. */
  public Column otherwise(Object value) {
    if (!(expr instanceof Unresolved.Function f) || !f.name().equals("casewhen") || f.arguments().size() % 2 == 1) {
      throw new IllegalArgumentException("otherwise() can only follow functions.when(...)");
    }
    List<Expression> args = new ArrayList<>(f.arguments());
    args.add(toExpr(value));
    return new Column(new Unresolved.Function("casewhen", args));
  }

  // ---- ordering
  public Column asc() {
    return new Column(SortOrder.asc(expr));
  }

  public Column desc() {
    return new Column(SortOrder.desc(expr));
  }

  public Column asc_nulls_first() {
    return new Column(new SortOrder(expr, true, true));
  }

  public Column asc_nulls_last() {
    return new Column(new SortOrder(expr, true, false));
  }

  public Column desc_nulls_first() {
    return new Column(new SortOrder(expr, false, true));
  }

  public Column desc_nulls_last() {
    return new Column(new SortOrder(expr, false, false));
  }

  @Override
  public String toString() {
    return expr.sql();
  }
}
