package dev.sluice.plan.expr;

/** An expression that produces a named output column: an attribute or an alias. */
public interface NamedExpression {
  String name();

  ExprId exprId();

  /** The attribute that refers to this expression's output. */
  AttributeReference toAttribute();

  Expression asExpression();
}
