package dev.sluice.plan.expr;

import dev.sluice.plan.TreeNode;
import dev.sluice.types.DataType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable expression tree node. Unresolved nodes come from the DataFrame API and the SQL
 * parser; the analyzer replaces them with resolved nodes whose {@link #dataType()} is known.
 *
 * <p>Expressions are data: the execution layer compiles resolved, bound expressions into evaluators
 * ({@code dev.sluice.exec.eval}) that compute them for whole column batches.
 */
public abstract class Expression extends TreeNode<Expression> {

  @Override
  public abstract List<Expression> children();

  /** The result type; only valid when {@link #resolved()}. */
  public abstract DataType dataType();

  /** Rebuilds this node with new children (same count and order). */
  @Override
  public abstract Expression withNewChildren(List<Expression> newChildren);

  /** Spark-style text of the expression, used for auto-generated column names and messages. */
  public abstract String sql();

  /** Parameters other than children that define this node, for equality and printing. */
  protected List<Object> args() {
    return List.of();
  }

  public boolean nullable() {
    for (Expression c : children()) {
      if (c.nullable()) {
        return true;
      }
    }
    return false;
  }

  /** True when the value is the same for every row and can be computed at planning time. */
  public boolean foldable() {
    return false;
  }

  /**
   * Whether every expression is foldable. A plain loop, not a stream: a stream adds several frames per
   * level of a deep expression, and the parser allows deep ones (SqlParser.MAX_NESTING_DEPTH).
   */
  public static boolean allFoldable(List<? extends Expression> es) {
    for (Expression e : es) {
      if (!e.foldable()) {
        return false;
      }
    }
    return true;
  }

  /** Whether every expression is nullable (a loop, as {@link #allFoldable}). */
  public static boolean allNullable(List<? extends Expression> es) {
    for (Expression e : es) {
      if (!e.nullable()) {
        return false;
      }
    }
    return true;
  }

  public boolean deterministic() {
    for (Expression c : children()) {
      if (!c.deterministic()) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected boolean computeResolved() {
    return childrenResolved() && checkInputTypes() == null;
  }

  /** Null when the children's types are acceptable, else a message naming what is wrong. */
  public String checkInputTypes() {
    return null;
  }


  // ------------------------------------------------------------------ tree helpers

  /** The attributes this expression reads. */
  public final Set<AttributeReference> references() {
    Set<AttributeReference> out = new LinkedHashSet<>();
    foreach(e -> {
      if (e instanceof AttributeReference a) {
        out.add(a);
      }
    });
    return out;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    Expression e = (Expression) o;
    return args().equals(e.args()) && children().equals(e.children());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), args(), children());
  }

  @Override
  public String simpleString() {
    return sql();
  }

  @Override
  public String toString() {
    return sql();
  }
}
