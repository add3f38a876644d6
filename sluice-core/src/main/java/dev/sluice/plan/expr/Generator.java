package dev.sluice.plan.expr;

import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.MapType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table-generating function: zero or more output rows for every input row. {@code explode} gives
 * one row per array element ({@code col}) or map entry ({@code key}, {@code value}); {@code posexplode}
 * adds the position ({@code pos}); {@code inline} gives one row per struct of an array of structs,
 * with the struct's fields as columns. The {@code _outer} variants give one row of nulls for a null or
 * empty input instead of none.
 *
 * <p>A generator is not evaluated like other expressions: the analyzer moves it out of the select list
 * into a {@link dev.sluice.plan.logical.Generate} node, whose operator produces the rows.
 */
public final class Generator extends Expression {
  /** The generator functions. */
  public enum Kind {
    EXPLODE("explode"), POSEXPLODE("posexplode"), INLINE("inline");

    private final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  private final Kind kind;
  private final boolean outer;
  private final Expression child;

  public Generator(Kind kind, boolean outer, Expression child) {
    this.kind = kind;
    this.outer = outer;
    this.child = child;
  }

  public Kind kind() {
    return kind;
  }

  public boolean outer() {
    return outer;
  }

  public Expression child() {
    return child;
  }

  /** The function's name as SQL spells it, e.g. {@code posexplode_outer}. */
  public String functionName() {
    return kind.sqlName + (outer ? "_outer" : "");
  }

  /** Null when the input type suits this generator, else what is wrong. */
  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    if (kind == Kind.INLINE) {
      if (t instanceof ArrayType at && at.elementType() instanceof StructType) {
        return null;
      }
      return "the argument " + child.sql() + " must be an ARRAY of STRUCTs, but it is " + t.sql();
    }
    if (t instanceof ArrayType || t instanceof MapType) {
      return null;
    }
    return "the argument " + child.sql() + " must be an ARRAY or a MAP, but it is " + t.sql();
  }

  /** The columns produced for each generated row, with Spark's default names. */
  public List<StructField> elementSchema() {
    List<StructField> out = new ArrayList<>();
    if (kind == Kind.POSEXPLODE) {
      out.add(new StructField("pos", DataTypes.IntegerType, outer));
    }
    DataType t = child.dataType();
    if (kind == Kind.INLINE) {
      ArrayType at = (ArrayType) t;
      for (StructField f : (StructType) at.elementType()) {
        out.add(new StructField(f.name(), f.dataType(), true));
      }
    } else if (t instanceof ArrayType at) {
      out.add(new StructField("col", at.elementType(), at.containsNull() || outer));
    } else if (t instanceof MapType mt) {
      out.add(new StructField("key", mt.keyType(), outer));
      out.add(new StructField("value", mt.valueType(), mt.valueContainsNull() || outer));
    }
    return out;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  /** The element schema as a struct; the generator never yields a single value. */
  @Override
  public DataType dataType() {
    return new StructType(elementSchema());
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Generator(kind, outer, c.get(0));
  }

  @Override
  protected List<Object> args() {
    return List.of(kind, outer);
  }

  @Override
  public String sql() {
    return functionName() + "(" + child.sql() + ")";
  }
}
