package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * {@code FROM t LATERAL VIEW [OUTER] explode(t.a) v AS x}: a generator applied to every row of the
 * relation before it, its columns named {@code columnNames} (or the generator's defaults) and
 * qualified by {@code tableName}. Unresolved: the analyzer turns it into a {@link Generate}.
 */
public final class LateralView extends UnaryNode {
  private final Expression function;
  private final boolean outer;
  private final String tableName;
  private final List<String> columnNames;

  public LateralView(Expression function, boolean outer, String tableName, List<String> columnNames,
      LogicalPlan child) {
    super(child);
    this.function = function;
    this.outer = outer;
    this.tableName = tableName;
    this.columnNames = List.copyOf(columnNames);
  }

  public Expression function() {
    return function;
  }

  public boolean outer() {
    return outer;
  }

  public String tableName() {
    return tableName;
  }

  public List<String> columnNames() {
    return columnNames;
  }

  @Override
  protected boolean computeResolved() {
    return false;
  }

  @Override
  public List<AttributeReference> output() {
    return List.of();
  }

  @Override
  public List<Expression> expressions() {
    return List.of(function);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new LateralView(f.apply(function), outer, tableName, columnNames, child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new LateralView(function, outer, tableName, columnNames, c);
  }

  @Override
  public String simpleString() {
    return "LateralView " + (outer ? "OUTER " : "") + function.sql() + " " + tableName + " " + columnNames;
  }
}
