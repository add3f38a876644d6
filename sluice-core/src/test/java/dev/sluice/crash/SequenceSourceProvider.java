package dev.sluice.crash;

import dev.sluice.connector.InputPartition;
import dev.sluice.connector.LongOffset;
import dev.sluice.connector.Offset;
import dev.sluice.connector.ReadLimit;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Test source {@code format("sequence")}: rows {@code id = 0 .. totalRows-1} with {@code key = id % 97}
 * and {@code value = id * 7 % 1000}, at most {@code rowsPerBatch} per micro-batch. The data is a pure
 * function of the offset, so it is identical in every process: what crash tests need to compare an
 * interrupted run with an uninterrupted one.
 */
public final class SequenceSourceProvider implements SourceProvider {
  static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType, false)
      .add("key", DataTypes.IntegerType, false).add("value", DataTypes.LongType, false);

  @Override
  public String shortName() {
    return "sequence";
  }

  @Override
  public StructType schema(SourceContext ctx) {
    return SCHEMA;
  }

  @Override
  public Source createSource(SourceContext ctx) {
    long total = ctx.options().getLong("totalRows", 1000);
    long perBatch = ctx.options().getLong("rowsPerBatch", 100);
    return new Source() {
      @Override
      public StructType schema() {
        return SCHEMA;
      }

      @Override
      public Offset initialOffset() {
        return new LongOffset(0);
      }

      @Override
      public ReadLimit defaultReadLimit() {
        return ReadLimit.maxRows(perBatch);
      }

      @Override
      public Offset latestOffset(Offset start, ReadLimit limit) {
        long from = start == null ? 0 : ((LongOffset) start).value();
        long max = limit.maxRows() == Long.MAX_VALUE ? total : Math.min(total, from + limit.maxRows());
        return new LongOffset(max);
      }

      @Override
      public List<InputPartition> planInputPartitions(Offset start, Offset end) {
        long from = start == null ? 0 : ((LongOffset) start).value();
        long to = ((LongOffset) end).value();
        List<InputPartition> parts = new ArrayList<>();
        long step = Math.max(1, (to - from + 1) / 2);
        for (long s = from; s < to; s += step) {
          long a = s;
          long b = Math.min(to, s + step);
          parts.add(() -> List.of(rows(a, b)).iterator());
        }
        return parts;
      }

      @Override
      public Offset deserializeOffset(String json) {
        return LongOffset.parse(json);
      }
    };
  }

  static ColumnBatch rows(long from, long to) {
    int n = (int) (to - from);
    long[] id = new long[n];
    int[] key = new int[n];
    long[] value = new long[n];
    for (int i = 0; i < n; i++) {
      long x = from + i;
      id[i] = x;
      key[i] = (int) (x % 97);
      value[i] = x * 7 % 1000;
    }
    return new ColumnBatch(new ColumnVector[] {new LongVector(DataTypes.LongType, id, n, null),
        new IntVector(DataTypes.IntegerType, key, n, null), new LongVector(DataTypes.LongType, value, n, null)}, n);
  }
}
