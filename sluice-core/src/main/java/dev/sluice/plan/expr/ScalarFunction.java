package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/**
 * A built-in function computed from its arguments' internal values (string, date, math, collection
 * functions). The registry creates it with arguments already coerced to the types its {@link Kernel}
 * expects. With {@code nullIntolerant}, a NULL argument gives NULL without calling the kernel; typed
 * kernels always are.
 */
public final class ScalarFunction extends Expression {
  /** The per-row implementation: receives non-null arguments when null-intolerant. */
  @FunctionalInterface
  public interface Impl {
    Object apply(Object[] args);
  }

  private final String name;
  private final List<Expression> arguments;
  private final DataType resultType;
  private final boolean nullIntolerant;
  private final boolean deterministic;
  private final Kernel kernel;

  public ScalarFunction(String name, List<Expression> arguments, DataType resultType, boolean nullIntolerant,
      boolean deterministic, Kernel kernel) {
    if (!(kernel instanceof Kernel.Row)) {
      if (!nullIntolerant) {
        throw new IllegalArgumentException(name + ": a typed kernel is null-intolerant; use a row kernel");
      }
      if (kernel.arity() != arguments.size()) {
        throw new IllegalArgumentException(name + ": a " + kernel.getClass().getSimpleName() + " kernel takes "
            + kernel.arity() + " arguments, not " + arguments.size());
      }
    }
    this.name = name;
    this.arguments = List.copyOf(arguments);
    this.resultType = resultType;
    this.nullIntolerant = nullIntolerant;
    this.deterministic = deterministic;
    this.kernel = kernel;
  }

  public ScalarFunction(String name, List<Expression> arguments, DataType resultType, boolean nullIntolerant,
      boolean deterministic, Impl impl) {
    this(name, arguments, resultType, nullIntolerant, deterministic, new Kernel.Row(impl));
  }

  public ScalarFunction(String name, List<Expression> arguments, DataType resultType, Impl impl) {
    this(name, arguments, resultType, true, true, new Kernel.Row(impl));
  }

  /** A deterministic, null-intolerant function with a typed kernel. */
  public ScalarFunction(String name, List<Expression> arguments, DataType resultType, Kernel kernel) {
    this(name, arguments, resultType, true, true, kernel);
  }

  public String name() {
    return name;
  }
  /** What the function computes per row, in the shape the execution layer compiles a loop for. */
  public Kernel kernel() {
    return kernel;
  }

  /** Whether a NULL argument makes the result NULL without calling the kernel. */
  public boolean nullIntolerant() {
    return nullIntolerant;
  }


  /** The same function under another name (its SQL text and auto-generated column name). */
  public ScalarFunction renamed(String newName) {
    return new ScalarFunction(newName, arguments, resultType, nullIntolerant, deterministic, kernel);
  }

  @Override
  public List<Expression> children() {
    return arguments;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new ScalarFunction(name, c, resultType, nullIntolerant, deterministic, kernel);
  }

  @Override
  protected List<Object> args() {
    return List.of(name, resultType);
  }

  @Override
  public DataType dataType() {
    return resultType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public boolean foldable() {
    return deterministic && Expression.allFoldable(arguments);
  }

  @Override
  public boolean deterministic() {
    return deterministic && super.deterministic();
  }


  @Override
  public String sql() {
    if (name.equals("[]") && arguments.size() == 2) {
      return arguments.get(0).sql() + "[" + arguments.get(1).sql() + "]";
    }
    if ((name.equals("LIKE") || name.equals("RLIKE")) && arguments.size() == 2) {
      return arguments.get(0).sql() + " " + name + " " + arguments.get(1).sql(); // Spark's StringRegexExpression.sql
    }
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < arguments.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(arguments.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
