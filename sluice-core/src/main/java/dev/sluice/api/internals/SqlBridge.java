package dev.sluice.api.internals;

import dev.sluice.plan.expr.Expression;
import dev.sluice.sql.SqlParser;

/** Entry points into the SQL parser used by the DataFrame API (expr, selectExpr, filter(String)). */
public final class SqlBridge {
  private SqlBridge() {}

  public static Expression parseExpression(String sql) {
    return SqlParser.parseExpression(sql);
  }
}
