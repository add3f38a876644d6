package dev.sluice.exec.ops;

import dev.sluice.exec.agg.Accumulator;
import dev.sluice.exec.agg.Accumulators;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.WindowFrame;
import dev.sluice.plan.expr.WindowFrame.Bound;
import dev.sluice.plan.expr.WindowFrame.BoundKind;
import dev.sluice.plan.expr.agg.AggregateFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.VectorBuilder;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Window frames over one window partition (a run of rows sorted by the ORDER BY keys): the first and
 * last row of every row's frame, and an aggregate computed over each frame.
 *
 * <p>Bounds: a ROWS offset counts rows from the current one; a RANGE offset finds, by binary search over
 * the sorted keys, the rows whose key lies within the offset of the current row's key (following means
 * larger keys in ascending order, smaller in descending order); CURRENT ROW in a RANGE frame is the
 * current row's peers. A row whose key is NULL has as its RANGE offset frame the NULL rows, its peers,
 * as in Spark.
 *
 * <p>Aggregation picks the cheapest plan the frame allows: one value for a frame that is the whole
 * partition; one running accumulator fed row by row when every frame starts at the partition's first
 * row (the default frame with ORDER BY, {@code UNBOUNDED PRECEDING AND n FOLLOWING}); otherwise every
 * output row is a group fed its frame's rows, in frame order, in chunks that bound the memory used —
 * the rows of a frame reach an order-dependent aggregate (first, last, collect_list) in order.
 */
final class WindowFrames {
  private WindowFrames() {}

  /** Above this many (row, frame row) pairs, frames are aggregated chunk by chunk. */
  private static final int PAIRS_PER_CHUNK = 1 << 20;

  /**
   * Fills {@code lo}/{@code hi} (partition-relative, inclusive; {@code lo > hi} for an empty frame) for
   * the partition's {@code size} rows starting at {@code from}. {@code peerStart}/{@code peerEnd} give
   * each row's first and last peer (partition-relative); {@code key} is the single ORDER BY key when the
   * frame is a RANGE frame with an offset.
   */
  static void bounds(WindowFrame f, int from, int size, int[] peerStart, int[] peerEnd, ColumnVector key,
      SortOrder order, int[] lo, int[] hi) {
    RangeKeys keys = f.type() == WindowFrame.Type.RANGE && (f.lower().isOffset() || f.upper().isOffset())
        ? new RangeKeys(key, order, from, size) : null;
    for (int i = 0; i < size; i++) {
      lo[i] = bound(f, f.lower(), true, i, size, peerStart, peerEnd, keys);
      hi[i] = bound(f, f.upper(), false, i, size, peerStart, peerEnd, keys);
    }
  }

  private static int bound(WindowFrame f, Bound b, boolean lower, int i, int size, int[] peerStart, int[] peerEnd,
      RangeKeys keys) {
    switch (b.kind()) {
      case UNBOUNDED_PRECEDING:
        return 0;
      case UNBOUNDED_FOLLOWING:
        return size - 1;
      case CURRENT_ROW:
        if (f.type() == WindowFrame.Type.ROWS) {
          return i;
        }
        return lower ? peerStart[i] : peerEnd[i];
      default:
        break;
    }
    Literal offset = (Literal) b.offset();
    boolean preceding = b.kind() == BoundKind.PRECEDING;
    if (f.type() == WindowFrame.Type.ROWS) {
      long k = ((Integer) offset.value()).longValue();
      long at = i + (preceding ? -k : k);
      // Out of the partition: clamp, keeping an empty frame empty (lo past the end, hi before the start).
      return (int) Math.max(-1, Math.min(size, at));
    }
    if (keys.isNull(i)) {
      return lower ? peerStart[i] : peerEnd[i];
    }
    return lower ? keys.first(i, offset, preceding) : keys.last(i, offset, preceding);
  }

  /**
   * The ORDER BY key of a RANGE frame over one partition, with the run of non-NULL keys (NULLs sort
   * first or last) searched for the frame's ends.
   */
  private static final class RangeKeys {
    private final ColumnVector key;
    private final DataType type;
    private final int from;
    private final boolean descending;
    private final int nnStart;
    private final int nnEnd;

    RangeKeys(ColumnVector key, SortOrder order, int from, int size) {
      this.key = key;
      this.type = key.type();
      this.from = from;
      this.descending = !order.ascending();
      int s = 0;
      while (s < size && key.isNull(from + s)) {
        s++;
      }
      int e = size;
      while (e > s && key.isNull(from + e - 1)) {
        e--;
      }
      this.nnStart = s;
      this.nnEnd = e;
    }

    boolean isNull(int i) {
      return key.isNull(from + i);
    }

    /** The first row at or after the boundary {@code key(i) ± offset} (in sort direction). */
    int first(int i, Literal offset, boolean preceding) {
      Object target = target(i, offset, preceding);
      int lo = nnStart;
      int hi = nnEnd;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (directed(compare(mid, target)) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** The last row at or before the boundary (in sort direction). */
    int last(int i, Literal offset, boolean preceding) {
      Object target = target(i, offset, preceding);
      int lo = nnStart;
      int hi = nnEnd;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (directed(compare(mid, target)) <= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo - 1;
    }

    private int directed(int c) {
      return descending ? -c : c;
    }

    /** key(i) moved by the offset towards the start (preceding) or the end of the sort order. */
    private Object target(int i, Literal literal, boolean preceding) {
      boolean add = preceding == descending; // ascending+following or descending+preceding: larger keys
      int row = from + i;
      Object offset = literal.value();
      if (literal.dataType() == DataTypes.YearMonthIntervalType) {
        int months = (Integer) offset;
        return addMonths(row, add ? months : -months);
      }
      if (key instanceof DoubleVector d) {
        double k = d.getDouble(row);
        double o = ((Number) offset).doubleValue();
        return add ? k + o : k - o;
      }
      if ((key instanceof IntVector || key instanceof LongVector) && (offset instanceof Integer || offset instanceof Long)) {
        long k = key instanceof IntVector v ? v.getInt(row) : ((LongVector) key).getLong(row);
        long o = ((Number) offset).longValue();
        return add ? saturatedAdd(k, o) : saturatedAdd(k, -o);
      }
      BigDecimal k = decimal(key.get(row));
      BigDecimal o = decimal(offset);
      return add ? k.add(o) : k.subtract(o);
    }

    /** A year-month offset on a DATE or TIMESTAMP key moves by calendar months. */
    private Object addMonths(int row, int months) {
      if (type == DataTypes.DateType) {
        return LocalDate.ofEpochDay(((IntVector) key).getInt(row)).plusMonths(months).toEpochDay();
      }
      long micros = ((LongVector) key).getLong(row);
      return DateTimeUtil.fromLocalDateTime(DateTimeUtil.toLocalDateTime(micros).plusMonths(months));
    }

    private int compare(int i, Object target) {
      int row = from + i;
      if (target instanceof Double t) {
        return Double.compare(((DoubleVector) key).getDouble(row), t);
      }
      if (target instanceof Long t) {
        long k = key instanceof IntVector v ? v.getInt(row) : ((LongVector) key).getLong(row);
        return Long.compare(k, t);
      }
      return decimal(key.get(row)).compareTo((BigDecimal) target);
    }

    private static BigDecimal decimal(Object v) {
      if (v instanceof BigDecimal d) {
        return d;
      }
      if (v instanceof Double d) {
        return BigDecimal.valueOf(d);
      }
      return BigDecimal.valueOf(((Number) v).longValue());
    }

    private static long saturatedAdd(long a, long b) {
      long r = a + b;
      if (((a ^ r) & (b ^ r)) < 0) {
        return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
      }
      return r;
    }
  }

  /**
   * Appends to {@code out} the aggregate over each row's frame {@code [lo[i], hi[i]]} of the partition
   * whose input columns are {@code inputs} (sliced to the partition).
   */
  static void aggregate(AggregateFunction fn, ColumnVector[] inputs, int size, int[] lo, int[] hi,
      VectorBuilder out) {
    boolean growing = true;
    boolean shrinking = true;
    boolean whole = true;
    for (int i = 0; i < size; i++) {
      growing &= lo[i] <= 0 && (i == 0 || hi[i] >= hi[i - 1]);
      shrinking &= hi[i] >= size - 1 && (i == 0 || lo[i] >= lo[i - 1]);
      whole &= lo[i] <= 0 && hi[i] >= size - 1;
    }
    if (whole) {
      Accumulator acc = Accumulators.create(fn);
      acc.ensureCapacity(1);
      acc.update(new int[size], inputs, size);
      Object v = acc.evaluate(1).get(0);
      for (int i = 0; i < size; i++) {
        out.append(v);
      }
      return;
    }
    if (growing) {
      running(fn, inputs, size, hi, out);
      return;
    }
    if (shrinking && fn.orderIndependent()) {
      runningBackwards(fn, inputs, size, lo, out);
      return;
    }
    framesAsGroups(fn, inputs, size, lo, hi, out);
  }

  /** Frames that all start at the first row: one accumulator, each row's new frame rows added once. */
  private static void running(AggregateFunction fn, ColumnVector[] inputs, int size, int[] hi, VectorBuilder out) {
    Accumulator acc = Accumulators.create(fn);
    acc.ensureCapacity(1);
    int added = 0; // rows [0, added) are in the accumulator
    Object value = null;
    boolean evaluated = false;
    for (int i = 0; i < size; i++) {
      int end = Math.min(hi[i], size - 1) + 1;
      if (end > added) {
        int n = end - added;
        ColumnVector[] part = new ColumnVector[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
          part[k] = inputs[k].slice(added, n);
        }
        acc.update(new int[n], part, n);
        added = end;
        evaluated = false;
      }
      if (!evaluated) {
        value = acc.evaluate(1).get(0);
        evaluated = true;
      }
      out.append(value);
    }
  }

  /**
   * Frames that all end at the last row ({@code CURRENT ROW AND UNBOUNDED FOLLOWING}) of an aggregate
   * that does not depend on input order: one accumulator fed from the end, each frame's new rows once.
   */
  private static void runningBackwards(AggregateFunction fn, ColumnVector[] inputs, int size, int[] lo,
      VectorBuilder out) {
    Accumulator acc = Accumulators.create(fn);
    acc.ensureCapacity(1);
    Object[] values = new Object[size];
    int first = size; // rows [first, size) are in the accumulator
    Object value = null;
    boolean evaluated = false;
    for (int i = size - 1; i >= 0; i--) {
      int start = Math.max(0, lo[i]);
      if (start < first) {
        int n = first - start;
        ColumnVector[] part = new ColumnVector[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
          part[k] = inputs[k].slice(start, n);
        }
        acc.update(new int[n], part, n);
        first = start;
        evaluated = false;
      }
      if (!evaluated) {
        value = acc.evaluate(1).get(0);
        evaluated = true;
      }
      values[i] = value;
    }
    for (Object v : values) {
      out.append(v);
    }
  }

  /** Any frames: each output row is a group fed the rows of its frame, chunk by chunk. */
  private static void framesAsGroups(AggregateFunction fn, ColumnVector[] inputs, int size, int[] lo, int[] hi,
      VectorBuilder out) {
    int start = 0;
    while (start < size) {
      long pairs = 0;
      int end = start;
      while (end < size && (end == start || pairs + frameSize(lo, hi, end, size) <= PAIRS_PER_CHUNK)) {
        pairs += frameSize(lo, hi, end, size);
        end++;
      }
      int m = (int) pairs;
      int[] rows = new int[m];
      int[] groups = new int[m];
      int p = 0;
      for (int r = start; r < end; r++) {
        int a = Math.max(0, lo[r]);
        int b = Math.min(size - 1, hi[r]);
        for (int j = a; j <= b; j++) {
          rows[p] = j;
          groups[p++] = r - start;
        }
      }
      ColumnVector[] gathered = new ColumnVector[inputs.length];
      for (int k = 0; k < inputs.length; k++) {
        gathered[k] = inputs[k].gather(rows, m);
      }
      Accumulator acc = Accumulators.create(fn);
      acc.ensureCapacity(end - start);
      acc.update(groups, gathered, m);
      ColumnVector values = acc.evaluate(end - start);
      for (int r = 0; r < end - start; r++) {
        out.appendFrom(values, r);
      }
      start = end;
    }
  }

  /**
   * Appends the value at the {@code nth} row (from 1) of each row's frame, or of its {@code nth} non-NULL
   * value with {@code ignoreNulls}; NULL when the frame is shorter.
   */
  static void nthValue(ColumnVector v, int nth, boolean ignoreNulls, int size, int[] lo, int[] hi,
      VectorBuilder out) {
    for (int i = 0; i < size; i++) {
      int a = Math.max(0, lo[i]);
      int b = Math.min(size - 1, hi[i]);
      int at = -1;
      if (!ignoreNulls) {
        at = (long) a + nth - 1 <= b ? a + nth - 1 : -1;
      } else {
        int seen = 0;
        for (int j = a; j <= b && at < 0; j++) {
          if (!v.isNull(j) && ++seen == nth) {
            at = j;
          }
        }
      }
      if (at < 0) {
        out.appendNull();
      } else {
        out.appendFrom(v, at);
      }
    }
  }

  private static long frameSize(int[] lo, int[] hi, int r, int size) {
    int a = Math.max(0, lo[r]);
    int b = Math.min(size - 1, hi[r]);
    return Math.max(0, b - a + 1);
  }
}
