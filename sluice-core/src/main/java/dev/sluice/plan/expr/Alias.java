package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/** Gives an expression's result a name: {@code expr AS name}. */
public final class Alias extends Expression implements NamedExpression {
  private final Expression child;
  private final String name;
  private final ExprId exprId;

  public Alias(Expression child, String name, ExprId exprId) {
    this.child = child;
    this.name = name;
    this.exprId = exprId;
  }

  public Alias(Expression child, String name) {
    this(child, name, ExprId.next());
  }

  public Expression child() {
    return child;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ExprId exprId() {
    return exprId;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Alias(c.get(0), name, exprId);
  }

  @Override
  public AttributeReference toAttribute() {
    Long delay = eventTimeDelay(child);
    return new AttributeReference(name, child.dataType(), child.nullable(), exprId, List.of(), delay);
  }

  /**
   * The watermark delay an expression's value carries: an event-time column's own, and that of the
   * window column {@code window_time(w)} reads (so windows can be chained). Null otherwise.
   */
  public static Long eventTimeDelay(Expression e) {
    if (e instanceof AttributeReference a) {
      return a.watermarkDelayMicros();
    }
    if (e instanceof WindowBounds wb) {
      return eventTimeDelay(wb.time());
    }
    if (e instanceof SessionBounds sb) {
      return eventTimeDelay(sb.time());
    }
    if (e instanceof WindowTime wt) {
      return eventTimeDelay(wt.window());
    }
    if (e instanceof ImplicitCast c) {
      return eventTimeDelay(c.child());
    }
    return null;
  }

  @Override
  public Expression asExpression() {
    return this;
  }


  @Override
  protected List<Object> args() {
    return List.of(name, exprId);
  }

  @Override
  public String sql() {
    return child.sql() + " AS " + name;
  }

  @Override
  public String toString() {
    return child + " AS " + name + exprId;
  }
}
