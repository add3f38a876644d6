package dev.sluice.exec.agg;

import dev.sluice.plan.expr.agg.AggregateFunction;
import dev.sluice.plan.expr.agg.Average;
import dev.sluice.plan.expr.agg.BitAggregate;
import dev.sluice.plan.expr.agg.CentralMoment;
import dev.sluice.plan.expr.agg.Collect;
import dev.sluice.plan.expr.agg.Count;
import dev.sluice.plan.expr.agg.DistinctAggregate;
import dev.sluice.plan.expr.agg.FirstLast;
import dev.sluice.plan.expr.agg.MaxMinBy;
import dev.sluice.plan.expr.agg.MinMax;
import dev.sluice.plan.expr.agg.Sum;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;

/**
 * Chooses the {@link Accumulator} that runs an aggregate function: by the function's class, then by
 * its parameters and types (a bigint, double or decimal sum; a double or decimal average; min/max
 * with primitive storage for int, long and double values). This is the one place that knows which
 * accumulator runs which {@link AggregateFunction}; the plan's functions carry no execution code.
 */
public final class Accumulators {
  private Accumulators() {}

  /**
   * The null mask of a result over {@code numGroups} groups where the groups not {@code seen} (no
   * non-NULL input) are NULL; {@code null} when every group has a value, as column vectors expect.
   */
  static boolean[] nullsWhereUnseen(boolean[] seen, int numGroups) {
    boolean[] nulls = null;
    for (int g = 0; g < numGroups; g++) {
      if (!seen[g]) {
        if (nulls == null) {
          nulls = new boolean[numGroups];
        }
        nulls[g] = true;
      }
    }
    return nulls;
  }

  /** A fresh, empty accumulator for {@code f} (resolved: its input types are known). */
  public static Accumulator create(AggregateFunction f) {
    if (f instanceof Count) {
      return new CountAccumulator();
    }
    if (f instanceof Sum s) {
      DataType rt = s.dataType();
      String sql = "sum(" + s.child().sql() + ")";
      if (rt == DataTypes.DoubleType) {
        return new DoubleSumAccumulator();
      }
      if (rt instanceof DecimalType d) {
        return new DecimalSumAccumulator(d, s.mode(), sql);
      }
      return new LongSumAccumulator(rt, s.mode(), sql);
    }
    if (f instanceof Average a) {
      if (a.child().dataType() instanceof DecimalType) {
        return new DecimalAverageAccumulator((DecimalType) a.bufferTypes().get(0), (DecimalType) a.dataType(),
            a.tryMode());
      }
      return new DoubleAverageAccumulator();
    }
    if (f instanceof MinMax m) {
      return new MinMaxAccumulator(m.child().dataType(), m.isMax());
    }
    if (f instanceof FirstLast fl) {
      return new FirstLastAccumulator(fl.child().dataType(), fl.isLast(), fl.ignoreNulls());
    }
    if (f instanceof MaxMinBy mb) {
      return new MaxMinByAccumulator(mb.value().dataType(), mb.ordering().dataType(), mb.isMax());
    }
    if (f instanceof Collect c) {
      return new CollectAccumulator(c.dataType(), c.isSet());
    }
    if (f instanceof CentralMoment cm) {
      return new CentralMomentAccumulator(cm.kind());
    }
    if (f instanceof BitAggregate b) {
      return new BitAccumulator(b.dataType(), b.op());
    }
    if (f instanceof DistinctAggregate d) {
      return new DistinctAccumulator(d);
    }
    throw new IllegalArgumentException("no accumulator for aggregate function " + f.name() + " ("
        + f.getClass().getSimpleName() + ")");
  }
}
