package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/** {@code a & b}, {@code a | b}, {@code a ^ b} and {@code ~a} on INT or BIGINT operands of one type. */
public final class BitwiseOp extends Expression {
  /** The operator, with the symbol the parser and the SQL text use. */
  public enum Op {
    AND("&"), OR("|"), XOR("^"), NOT("~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** The operator of a symbol. */
    public static Op of(String symbol) {
      for (Op o : values()) {
        if (o.symbol.equals(symbol)) {
          return o;
        }
      }
      throw new IllegalArgumentException("no bitwise operator " + symbol);
    }
  }

  private final Op op;
  private final List<Expression> children;

  public BitwiseOp(Op op, List<Expression> children) {
    if (children.size() != (op == Op.NOT ? 1 : 2)) {
      throw new IllegalArgumentException(op + " takes " + (op == Op.NOT ? 1 : 2) + " operands");
    }
    this.op = op;
    this.children = List.copyOf(children);
  }

  public Op op() {
    return op;
  }

  @Override
  public List<Expression> children() {
    return children;
  }

  @Override
  public DataType dataType() {
    return children.get(0).dataType();
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new BitwiseOp(op, c);
  }

  @Override
  protected List<Object> args() {
    return List.of(op);
  }

  @Override
  public boolean foldable() {
    return Expression.allFoldable(children);
  }

  @Override
  public String sql() {
    if (op == Op.NOT) {
      return "~" + children.get(0).sql();
    }
    return "(" + children.get(0).sql() + " " + op.symbol + " " + children.get(1).sql() + ")";
  }
}
