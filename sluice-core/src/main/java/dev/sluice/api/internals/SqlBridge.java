package dev.sluice.api.internals;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.plan.expr.Expression;

/** Entry points into the SQL parser used by the DataFrame API (expr, selectExpr, filter(String)). */
public final class SqlBridge {
  private SqlBridge() {}

  public static Expression parseExpression(String sql) {
    throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "SQL expressions need the SQL parser, which is not built yet");
  }
}
