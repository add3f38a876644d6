package dev.sluice.connector.builtin;

import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;
import dev.sluice.vector.ColumnBatch;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code format("console")}: prints each micro-batch to standard output as a table, under a
 * {@code Batch: N} header. Options {@code numRows} (default 20) and {@code truncate} (default true).
 */
public final class ConsoleSinkProvider implements SinkProvider {
  @Override
  public boolean transientOutput() {
    return true;
  }

  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of("numRows", "truncate");
  }

  @Override
  public String shortName() {
    return "console";
  }

  @Override
  public Sink createSink(SinkContext ctx) {
    int numRows = ctx.options().getInt("numRows", 20);
    boolean truncate = ctx.options().getBoolean("truncate", true);
    return new ConsoleSink(numRows, truncate, System.out);
  }

  /** Prints batches; one instance per query. */
  public static final class ConsoleSink implements Sink {
    private final int numRows;
    private final boolean truncate;
    private final PrintStream out;

    public ConsoleSink(int numRows, boolean truncate, PrintStream out) {
      this.numRows = numRows;
      this.truncate = truncate;
      this.out = out;
    }

    @Override
    public void addBatch(long batchId, SinkBatch data) {
      List<ColumnBatch> all = new ArrayList<>();
      data.partitions().forEach(all::addAll);
      long total = data.numRows();
      StringBuilder sb = new StringBuilder();
      sb.append("-------------------------------------------\n");
      sb.append("Batch: ").append(batchId).append('\n');
      sb.append("-------------------------------------------\n");
      sb.append(TableFormatter.format(data.schema(), TableFormatter.rows(all, numRows), truncate ? 20 : 0));
      if (total > numRows) {
        sb.append("only showing top ").append(numRows).append(" row").append(numRows == 1 ? "" : "s").append('\n');
      }
      sb.append('\n');
      synchronized (out) {
        out.print(sb);
        out.flush();
      }
    }

    @Override
    public String description() {
      return "ConsoleSink";
    }
  }
}
