package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Applies a {@link Generator} to every input row: each row becomes as many output rows as the
 * generator yields for it (none for a null or empty input, unless the generator is an
 * {@code _outer} one, which then yields one row of nulls). An output row holds the input row's
 * {@code requiredChildOutput} columns followed by the generated {@code generatorOutput} columns.
 *
 * <p>{@code requiredChildOutput} starts as the child's whole output; column pruning narrows it to
 * what the plan above reads, so unused input columns are not copied once per generated row.
 */
public final class Generate extends UnaryNode {
  private final Generator generator;
  private final List<AttributeReference> requiredChildOutput;
  private final List<AttributeReference> generatorOutput;

  public Generate(Generator generator, List<AttributeReference> requiredChildOutput,
      List<AttributeReference> generatorOutput, LogicalPlan child) {
    super(child);
    this.generator = generator;
    this.requiredChildOutput = List.copyOf(requiredChildOutput);
    this.generatorOutput = List.copyOf(generatorOutput);
  }

  public Generator generator() {
    return generator;
  }

  public List<AttributeReference> requiredChildOutput() {
    return requiredChildOutput;
  }

  public List<AttributeReference> generatorOutput() {
    return generatorOutput;
  }

  /** The same node keeping only the given input columns. */
  public Generate withRequiredChildOutput(List<AttributeReference> required) {
    return new Generate(generator, required, generatorOutput, child);
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>(requiredChildOutput);
    out.addAll(generatorOutput);
    return out;
  }

  @Override
  public List<Expression> expressions() {
    return List.of(generator);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    Expression g = f.apply(generator);
    if (!(g instanceof Generator gen)) {
      throw new IllegalStateException("a Generate node needs a generator, got " + g.sql());
    }
    return new Generate(gen, requiredChildOutput, generatorOutput, child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Generate(generator, requiredChildOutput, generatorOutput, c);
  }

  @Override
  public String simpleString() {
    return "Generate " + generator.sql() + ", " + requiredChildOutput + ", " + generatorOutput;
  }
}
