package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;

/** {@code named_struct('a', x, 'b', y)} / {@code struct(x, y)}: a struct from named values; never NULL. */
public final class CreateStruct extends Expression {
  private final List<String> names;
  private final List<Expression> values;

  public CreateStruct(List<String> names, List<Expression> values) {
    this.names = List.copyOf(names);
    this.values = List.copyOf(values);
  }

  public List<String> names() {
    return names;
  }

  @Override
  public List<Expression> children() {
    return values;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new CreateStruct(names, c);
  }

  @Override
  protected List<Object> args() {
    return List.of(names);
  }

  @Override
  public DataType dataType() {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      fields.add(new StructField(names.get(i), values.get(i).dataType(), values.get(i).nullable()));
    }
    return new StructType(fields);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public boolean foldable() {
    return Expression.allFoldable(values);
  }


  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("named_struct(");
    for (int i = 0; i < names.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(names.get(i)).append(", ").append(values.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
