package dev.sluice.api;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.types.DataType;
import dev.sluice.types.StructField;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code groupBy}, {@code cube}, {@code rollup} or {@code groupingSets}: call an
 * aggregation to get a DataFrame with the grouping columns and the aggregates, one row per group (of
 * every grouping set, for the last three).
 */
public final class RelationalGroupedDataFrame {
  private final DataFrame df;
  private final List<Expression> grouping;
  /** The CUBE/ROLLUP/GROUPING SETS the aggregation groups by, or null for a plain groupBy. */
  private final Unresolved.GroupingSets sets;

  RelationalGroupedDataFrame(DataFrame df, List<Expression> grouping) {
    this(df, grouping, null);
  }

  RelationalGroupedDataFrame(DataFrame df, List<Expression> grouping, Unresolved.GroupingSets sets) {
    this.df = df;
    this.grouping = grouping;
    this.sets = sets;
  }

  /** The grouping columns followed by the aggregates. */
  public DataFrame agg(Column first, Column... more) {
    List<Expression> aggs = new ArrayList<>();
    for (Expression g : grouping) {
      aggs.add(g instanceof NamedExpression || g instanceof Unresolved.Attribute ? g : new Unresolved.AutoAlias(g));
    }
    aggs.add(named(first.expr()));
    for (Column c : more) {
      aggs.add(named(c.expr()));
    }
    return df.aggregate(sets == null ? grouping : List.of(sets), aggs);
  }

  private static Expression named(Expression e) {
    return e instanceof NamedExpression ? e : new Unresolved.AutoAlias(e);
  }

  /** Adds a {@code count} column with the number of rows per group. */
  public DataFrame count() {
    return agg(new Column(new Alias(new Unresolved.Function("count", List.of(), false, null, true), "count")));
  }

  public DataFrame sum(String... columns) {
    return simple("sum", columns);
  }

  public DataFrame avg(String... columns) {
    return simple("avg", columns);
  }

  public DataFrame mean(String... columns) {
    return avg(columns);
  }

  public DataFrame min(String... columns) {
    return simple("min", columns);
  }

  public DataFrame max(String... columns) {
    return simple("max", columns);
  }

  /**
   * As Spark's aggregateNumericColumns: no names means every numeric column (grouping columns
   * included), and a named column must be numeric.
   */
  private DataFrame simple(String fn, String... columns) {
    if (columns.length == 0) {
      List<String> numeric = new ArrayList<>();
      for (StructField f : df.schema().fields()) {
        if (f.dataType().isNumeric()) {
          numeric.add(f.name());
        }
      }
      if (numeric.isEmpty()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, fn + "()",
            "the DataFrame has no numeric column to aggregate; name the columns");
      }
      columns = numeric.toArray(new String[0]);
    }
    for (String c : columns) {
      DataType t = df.col(c).expr().dataType();
      if (!t.isNumeric()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, fn + "(\"" + c + "\")",
            "\"" + c + "\" is not a numeric column (it is " + t.sql() + "). Aggregation function can only be "
                + "applied on a numeric column; use agg(" + fn + "(col(\"" + c + "\"))) for other types");
      }
    }
    Column first = Column.fn(fn, new Column(columns[0]));
    Column[] rest = new Column[columns.length - 1];
    for (int i = 1; i < columns.length; i++) {
      rest[i - 1] = Column.fn(fn, new Column(columns[i]));
    }
    return agg(first, rest);
  }
}
