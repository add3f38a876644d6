package dev.sluice.connector.builtin;

import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;

/** {@code format("memory")}: keeps results in memory, queryable as a temp view named by {@code queryName}. */
public final class MemorySinkProvider implements SinkProvider {
  @Override
  public boolean transientOutput() {
    return true;
  }

  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of();
  }

  @Override
  public String shortName() {
    return "memory";
  }

  @Override
  public Sink createSink(SinkContext ctx) {
    if (ctx.queryName() == null) {
      throw new SluiceException(ErrorClass.MISSING_OPTION, "memory sink", "queryName",
          "the results are registered as a temp view under the query name; call queryName(\"...\")");
    }
    return new MemorySink(ctx.schema(), ctx.outputMode());
  }
}
