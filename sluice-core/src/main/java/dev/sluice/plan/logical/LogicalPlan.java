package dev.sluice.plan.logical;

import dev.sluice.plan.TreeNode;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An immutable node of a logical query plan. The same plan describes a batch query and a streaming
 * query; {@link #isStreaming()} tells which (a plan is streaming when one of its leaves reads a stream).
 */
public abstract class LogicalPlan extends TreeNode<LogicalPlan> {

  @Override
  public abstract List<LogicalPlan> children();

  /** The columns this node produces. */
  public abstract List<AttributeReference> output();

  @Override
  public abstract LogicalPlan withNewChildren(List<LogicalPlan> newChildren);

  /** The expressions held by this node (not by its children). */
  public List<Expression> expressions() {
    return List.of();
  }

  /** Rebuilds this node with its expressions mapped by {@code f}. */
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return this;
  }

  /** Parameters other than children and expressions, for equality and explain output. */
  protected List<Object> args() {
    return List.of();
  }

  public boolean isStreaming() {
    for (LogicalPlan c : children()) {
      if (c.isStreaming()) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected boolean computeResolved() {
    if (!childrenResolved()) {
      return false;
    }
    for (Expression e : expressions()) {
      if (!e.resolved()) {
        return false;
      }
    }
    return true;
  }

  public StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (AttributeReference a : output()) {
      fields.add(new StructField(a.name(), a.dataType(), a.nullable()));
    }
    return new StructType(fields);
  }

  /** Output of all children, in order. */
  public List<AttributeReference> childOutput() {
    List<AttributeReference> out = new ArrayList<>();
    for (LogicalPlan c : children()) {
      out.addAll(c.output());
    }
    return out;
  }

  // ---------------------------------------------------------------- tree helpers

  /** Applies an expression rule (bottom-up) to every expression of every node. */
  public final LogicalPlan transformAllExpressions(Function<Expression, Expression> rule) {
    return transformUp(p -> p.mapExpressions(e -> e.transformUp(rule)));
  }

  /** One line describing this node, for explain. */
  @Override
  public String simpleString() {
    StringBuilder sb = new StringBuilder(nodeName());
    List<Expression> exprs = expressions();
    if (!exprs.isEmpty()) {
      sb.append(' ').append(exprs);
    }
    for (Object a : args()) {
      sb.append(' ').append(a);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return treeString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    LogicalPlan p = (LogicalPlan) o;
    return args().equals(p.args()) && expressions().equals(p.expressions()) && children().equals(p.children());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), args(), expressions(), children());
  }
}
