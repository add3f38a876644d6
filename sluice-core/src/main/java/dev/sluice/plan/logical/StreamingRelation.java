package dev.sluice.plan.logical;

import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import java.util.List;

/**
 * A stream read from a connector ({@code readStream().format(...).load()}). When a query starts,
 * the engine creates one {@link dev.sluice.connector.Source} per StreamingRelation, and each
 * micro-batch replaces it with the rows of that batch's offset range.
 */
public final class StreamingRelation extends LeafNode {
  private final SourceProvider provider;
  private final SourceContext context;
  private final List<AttributeReference> output;
  private final String sourceName;
  /** Distinguishes two reads of the same format; stable across restarts for the same query text. */
  private final int id;
  private final List<Expression> pushedFilters;

  public StreamingRelation(SourceProvider provider, SourceContext context, List<AttributeReference> output,
      String sourceName, int id) {
    this(provider, context, output, sourceName, id, List.of());
  }

  private StreamingRelation(SourceProvider provider, SourceContext context, List<AttributeReference> output,
      String sourceName, int id, List<Expression> pushedFilters) {
    this.provider = provider;
    this.context = context;
    this.output = List.copyOf(output);
    this.sourceName = sourceName;
    this.id = id;
    this.pushedFilters = List.copyOf(pushedFilters);
  }

  public SourceProvider provider() {
    return provider;
  }

  public SourceContext context() {
    return context;
  }

  public String sourceName() {
    return sourceName;
  }

  public int id() {
    return id;
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  public StreamingRelation withOutput(List<AttributeReference> o) {
    return new StreamingRelation(provider, context, o, sourceName, id, pushedFilters);
  }

  /**
   * Conjuncts of the filter right above this read, which the source may use to skip data (set by the
   * optimizer's PushFiltersToScans; the filter still runs on every row read).
   */
  public List<Expression> pushedFilters() {
    return pushedFilters;
  }

  public StreamingRelation withPushedFilters(List<Expression> filters) {
    return new StreamingRelation(provider, context, output, sourceName, id, filters);
  }

  @Override
  public boolean isStreaming() {
    return true;
  }

  @Override
  protected List<Object> args() {
    return List.of(sourceName, id, output, pushedFilters);
  }

  @Override
  public String simpleString() {
    return "StreamingRelation " + sourceName + " " + output
        + (pushedFilters.isEmpty() ? "" : " PushedFilters: " + pushedFilters);
  }
}
