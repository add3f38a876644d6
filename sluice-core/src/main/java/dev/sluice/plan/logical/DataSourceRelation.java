package dev.sluice.plan.logical;

import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import java.util.List;

/** A batch read of a connector ({@code read().format(...).load()}, or a CREATE TABLE read without STREAM). */
public final class DataSourceRelation extends LeafNode {
  private final SourceProvider provider;
  private final SourceContext context;
  private final List<AttributeReference> output;
  private final String name;
  private final List<Expression> pushedFilters;

  public DataSourceRelation(SourceProvider provider, SourceContext context, List<AttributeReference> output,
      String name) {
    this(provider, context, output, name, List.of());
  }

  private DataSourceRelation(SourceProvider provider, SourceContext context, List<AttributeReference> output,
      String name, List<Expression> pushedFilters) {
    this.provider = provider;
    this.context = context;
    this.output = List.copyOf(output);
    this.name = name;
    this.pushedFilters = List.copyOf(pushedFilters);
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
    return new DataSourceRelation(provider, context, o, name, pushedFilters);
  }

  /**
   * Conjuncts of the filter right above this read, which the connector may use to skip data (set by
   * the optimizer's PushFiltersToScans; the filter still runs on every row read).
   */
  public List<Expression> pushedFilters() {
    return pushedFilters;
  }

  public DataSourceRelation withPushedFilters(List<Expression> filters) {
    return new DataSourceRelation(provider, context, output, name, filters);
  }

  @Override
  protected List<Object> args() {
    return List.of(name, output, pushedFilters);
  }

  @Override
  public String simpleString() {
    return "Relation " + name + " " + output + (pushedFilters.isEmpty() ? "" : " PushedFilters: " + pushedFilters);
  }
}
