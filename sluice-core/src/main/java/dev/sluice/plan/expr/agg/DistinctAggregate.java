package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code f(DISTINCT x, ...)}: keeps the distinct input tuples of each group and applies the inner
 * function to them at the end. The partial buffer is the array of distinct tuples (rows with a NULL
 * input are left out, as every distinct aggregate ignores them). Batch queries only; streams refuse
 * distinct aggregates as Spark does.
 */
public final class DistinctAggregate extends AggregateFunction {
  private final AggregateFunction inner;

  public DistinctAggregate(AggregateFunction inner) {
    this.inner = inner;
  }

  public AggregateFunction inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public List<Expression> children() {
    return List.of(inner);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new DistinctAggregate((AggregateFunction) c.get(0));
  }

  @Override
  public List<Expression> inputs() {
    return inner.children();
  }

  @Override
  public DataType dataType() {
    return inner.dataType();
  }

  @Override
  public boolean nullable() {
    return inner.nullable();
  }

  @Override
  public String sql() {
    String s = inner.sql();
    return inner.name() + "(DISTINCT " + s.substring(inner.name().length() + 1);
  }

  private StructType tupleType() {
    List<StructField> fields = new ArrayList<>();
    int i = 0;
    for (Expression e : inner.children()) {
      fields.add(new StructField("_" + i++, e.dataType(), true));
    }
    return new StructType(fields);
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(new ArrayType(tupleType(), false));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DistinctAggregate d && d.inner.equals(inner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(DistinctAggregate.class, inner);
  }
}
