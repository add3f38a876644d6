package dev.sluice.plan.logical;

import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.plan.expr.AttributeReference;
import java.util.List;

/** A batch read of a connector ({@code read().format(...).load()}, or a CREATE TABLE read without STREAM). */
public final class DataSourceRelation extends LeafNode {
  private final SourceProvider provider;
  private final SourceContext context;
  private final List<AttributeReference> output;
  private final String name;

  public DataSourceRelation(SourceProvider provider, SourceContext context, List<AttributeReference> output,
      String name) {
    this.provider = provider;
    this.context = context;
    this.output = List.copyOf(output);
    this.name = name;
  }

  public SourceProvider provider() {
    return provider;
  }

  public SourceContext context() {
    return context;
  }

  public String name() {
    return name;
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  public DataSourceRelation withOutput(List<AttributeReference> o) {
    return new DataSourceRelation(provider, context, o, name);
  }

  @Override
  protected List<Object> args() {
    return List.of(name, output);
  }

  @Override
  public String simpleString() {
    return "Relation " + name + " " + output;
  }
}
