package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.conf.SluiceConf;
import dev.sluice.exec.ops.ExchangeExec;
import dev.sluice.exec.ops.LocalScanExec;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataTypes;
import dev.sluice.types.Row;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** How local data is split into partitions, and how small shuffle partitions are merged. */
class ExchangeAndLocalScanTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  private static final AttributeReference K = new AttributeReference("k", DataTypes.IntegerType, true, ExprId.next(),
      List.of());

  @AfterAll
  static void shutdown() {
    POOL.shutdownNow();
  }

  private static ColumnBatch ints(int from, int to) {
    List<Object> v = new ArrayList<>();
    for (int i = from; i < to; i++) {
      v.add(i);
    }
    return new ColumnBatch(new ColumnVector[] {ColumnVector.of(DataTypes.IntegerType, v)}, to - from);
  }

  private static List<List<Integer>> partitions(PhysicalPlan plan, ExecContext ctx) {
    List<List<Integer>> out = new ArrayList<>();
    for (List<ColumnBatch> part : QueryExecutor.execute(plan, ctx)) {
      List<Integer> values = new ArrayList<>();
      for (ColumnBatch b : part) {
        for (int i = 0; i < b.numRows(); i++) {
          values.add((Integer) b.column(0).get(i));
        }
      }
      out.add(values);
    }
    return out;
  }

  private static ExecContext ctx() {
    return new ExecContext(POOL, new SluiceConf());
  }

  @Test
  void localDataIsSplitIntoContiguousRangesLikeSparksParallelize() {
    // Six rows over four partitions: [0,1) [1,3) [3,4) [4,6), whatever the batch boundaries.
    LocalScanExec scan = new LocalScanExec(List.of(K), List.of(ints(0, 2), ints(2, 6)), 4, 4096, null);
    assertThat(partitions(scan, ctx())).containsExactly(List.of(0), List.of(1, 2), List.of(3), List.of(4, 5));
    // Fewer rows than partitions: one partition per row; batch size still cuts a range into chunks.
    assertThat(new LocalScanExec(List.of(K), List.of(ints(0, 2)), 8, 4096, null).numPartitions()).isEqualTo(2);
    LocalScanExec chunked = new LocalScanExec(List.of(K), List.of(ints(0, 10)), 2, 3, null);
    assertThat(partitions(chunked, ctx())).containsExactly(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9));
  }

  @Test
  void smallShufflePartitionsAreMergedReadingInputTaskByInputTask() {
    LocalScanExec scan = new LocalScanExec(List.of(K), List.of(ints(0, 8)), 2, 4096, null);
    List<Expression> keys = List.of(K);
    ExchangeExec plain = new ExchangeExec(keys, 4, scan);
    List<List<Integer>> four = partitions(plain, ctx());
    assertThat(four).hasSize(4);
    ExchangeExec merged = new ExchangeExec(keys, 4, scan).withCoalescing(new ExchangeExec.Coalescing(1 << 20, 64 << 20, 2));
    List<List<Integer>> one = partitions(merged, ctx());
    assertThat(one).hasSize(1);
    // Input task 0's rows (0..3) for partitions 0..3, then input task 1's (4..7).
    List<Integer> expected = new ArrayList<>();
    for (int task = 0; task < 2; task++) {
      for (List<Integer> p : four) {
        for (int v : p) {
          if (v / 4 == task) {
            expected.add(v);
          }
        }
      }
    }
    assertThat(one.get(0)).isEqualTo(expected);
    // With a tiny target, partitions stay apart.
    ExchangeExec apart = new ExchangeExec(keys, 4, scan).withCoalescing(new ExchangeExec.Coalescing(1, 1, 2));
    assertThat(partitions(apart, ctx())).isEqualTo(four);
  }

  @Test
  void batchAggregationsMergeSmallShufflesButKeepTheirResults() {
    try (Session on = Session.builder().config("sluice.sql.shuffle.partitions", "8").getOrCreate();
        Session off = Session.builder().config("sluice.sql.shuffle.partitions", "8")
            .config("sluice.sql.adaptive.coalescePartitions.enabled", "false").getOrCreate()) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        rows.add(Row.of("k" + (i % 37), i));
      }
      DataFrame a = on.createDataFrame(rows, "k STRING, v INT").groupBy("k").sum("v").orderBy("k");
      DataFrame b = off.createDataFrame(rows, "k STRING, v INT").groupBy("k").sum("v").orderBy("k");
      assertThat(a.collectAsList()).isEqualTo(b.collectAsList()).hasSize(37);
      assertThat(a.explainString(false)).contains("coalescing small partitions");
      assertThat(b.explainString(false)).doesNotContain("coalescing");
    }
  }
}
