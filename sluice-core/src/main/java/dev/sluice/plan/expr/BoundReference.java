package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/** A column of the input batch by position; what attributes become when a plan is executed. */
public final class BoundReference extends LeafExpression {
  private final int ordinal;
  private final DataType dataType;
  private final boolean nullable;
  private final String name;

  public BoundReference(int ordinal, DataType dataType, boolean nullable) {
    this(ordinal, dataType, nullable, null);
  }

  /** {@code name} is the column's name, used only when printing (error messages name the expression). */
  public BoundReference(int ordinal, DataType dataType, boolean nullable, String name) {
    this.ordinal = ordinal;
    this.dataType = dataType;
    this.nullable = nullable;
    this.name = name;
  }

  public int ordinal() {
    return ordinal;
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  @Override
  public boolean nullable() {
    return nullable;
  }


  @Override
  protected List<Object> args() {
    return List.of(ordinal, dataType);
  }

  @Override
  public String sql() {
    return name != null ? name : "input[" + ordinal + "]";
  }
}
