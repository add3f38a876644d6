package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import java.util.List;

/**
 * {@code bit_and(x)}, {@code bit_or(x)}, {@code bit_xor(x)} over an integral type: the bitwise
 * combination of the non-NULL values, of the input's type; NULL for a group without one. The
 * buffer is the running value itself.
 */
public final class BitAggregate extends AggregateFunction {
  /** The bitwise operation. */
  public enum Op {
    AND("bit_and"),
    OR("bit_or"),
    XOR("bit_xor");

    private final String sqlName;

    Op(String sqlName) {
      this.sqlName = sqlName;
    }

    public String sqlName() {
      return sqlName;
    }

    public long apply(long a, long b) {
      return switch (this) {
        case AND -> a & b;
        case OR -> a | b;
        case XOR -> a ^ b;
      };
    }
  }

  private final Expression child;
  private final Op op;

  public BitAggregate(Expression child, Op op) {
    this.child = child;
    this.op = op;
  }

  public Expression child() {
    return child;
  }

  public Op op() {
    return op;
  }

  @Override
  public String name() {
    return op.sqlName();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new BitAggregate(c.get(0), op);
  }

  @Override
  protected List<Object> args() {
    return List.of(op);
  }

  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    return t.isIntegral() ? null
        : name() + " requires an integral argument, but " + child.sql() + " is " + t.sql();
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(child.dataType());
  }
}
