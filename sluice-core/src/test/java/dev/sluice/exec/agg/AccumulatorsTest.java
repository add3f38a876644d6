package dev.sluice.exec.agg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.BoundReference;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
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
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.vector.ColumnVector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every accumulator {@link Accumulators#create} hands out, run three ways over the same rows: one
 * accumulator fed all rows; partial aggregation (two partitions with their own group numbering, whose
 * buffers a fresh accumulator merges, as a FINAL hash aggregate does); and the state store's way
 * (buffers of the first part merged into a fresh accumulator, which then takes the second part's raw
 * rows). All three must give the exact expected values.
 *
 * <p>The rows: ten rows in four groups, row 4 skipped (group id -1, as under {@code FILTER}), group 2
 * has only NULL inputs in most columns and group 3 has no rows at all.
 */
class AccumulatorsTest {
  private static final int GROUPS = 4;
  private static final int[] IDS = {0, 1, 0, 2, -1, 1, 0, 2, 1, 0};
  private static final int N = IDS.length;
  /** Rows [0, SPLIT) are the first partition / the restored state, the rest the second. */
  private static final int SPLIT = 5;

  private static final DecimalType DEC = DataTypes.createDecimalType(5, 2);

  // column ordinals
  private static final int X = 0; // bigint
  private static final int I = 1; // int
  private static final int D = 2; // double
  private static final int S = 3; // string
  private static final int Y = 4; // int ordering for min_by / max_by
  private static final int K = 5; // bigint with duplicates, for DISTINCT
  private static final int M = 6; // decimal(5,2)

  private static final ColumnVector[] COLUMNS = {
      ColumnVector.of(DataTypes.LongType, 10L, null, 5L, null, 1000L, 7L, null, null, -3L, 1L),
      ColumnVector.of(DataTypes.IntegerType, 4, 2, null, null, 1000, -8, 6, null, null, 1),
      ColumnVector.of(DataTypes.DoubleType, 0.5, 1.0, null, null, 1000.0, Double.NaN, 0.25, null, -2.0, 2.0),
      ColumnVector.of(DataTypes.StringType, "a", "b", null, "d", "zz", "f", "g", null, "i", "j"),
      ColumnVector.of(DataTypes.IntegerType, 1, 2, 9, null, 100, 3, 4, 5, 1, 0),
      ColumnVector.of(DataTypes.LongType, 1L, 5L, 2L, null, 99L, 2L, 1L, 3L, 2L, 2L),
      ColumnVector.of(DEC, dec("1.25"), null, dec("2.50"), null, dec("999.99"), dec("-0.75"), null, null,
          dec("0.10"), dec("0.10"))};

  private static final Expression x = col(X, DataTypes.LongType);
  private static final Expression i = col(I, DataTypes.IntegerType);
  private static final Expression d = col(D, DataTypes.DoubleType);
  private static final Expression s = col(S, DataTypes.StringType);
  private static final Expression y = col(Y, DataTypes.IntegerType);
  private static final Expression k = col(K, DataTypes.LongType);
  private static final Expression m = col(M, DEC);

  @Test
  void countCountsRowsWhereEveryArgumentIsNonNullAndZeroForEmptyGroups() {
    check(new Count(List.of()), 4L, 3L, 2L, 0L);
    check(new Count(List.of(x)), 3L, 2L, 0L, 0L);
    check(new Count(List.of(x, s)), 2L, 2L, 0L, 0L);
  }

  @Test
  void sumOfIntegersIsABigintAndNullForGroupsWithoutValues() {
    check(new Sum(x, EvalMode.ANSI), 16L, 4L, null, null);
    check(new Sum(i, EvalMode.ANSI), 11L, -6L, null, null);
  }

  @Test
  void sumOfDoublesAndDecimals() {
    check(new Sum(d, EvalMode.ANSI), 2.75, Double.NaN, null, null);
    // decimal(5,2) sums to decimal(15,2), exactly and at scale 2
    check(new Sum(m, EvalMode.ANSI), dec("3.85"), dec("-0.65"), null, null);
    assertThat(new Sum(m, EvalMode.ANSI).dataType()).isEqualTo(DataTypes.createDecimalType(15, 2));
  }

  @Test
  void bigintSumOverflowRaisesUnderAnsiAndWrapsOtherwise() {
    // with and without a null mask: the accumulator has a separate loop for each
    for (boolean withNull : new boolean[] {false, true}) {
      Object[] values = withNull ? new Object[] {Long.MAX_VALUE, null, 1L} : new Object[] {Long.MAX_VALUE, 1L};
      ColumnVector v = ColumnVector.of(DataTypes.LongType, values);
      int[] ids = new int[values.length];
      Expression c = col(0, DataTypes.LongType);

      Accumulator ansi = Accumulators.create(new Sum(c, EvalMode.ANSI));
      ansi.ensureCapacity(1);
      assertThatThrownBy(() -> ansi.update(ids, new ColumnVector[] {v}, values.length))
          .isInstanceOfSatisfying(ExecutionException.class,
              e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW))
          .hasMessageContaining("sum(c0)");

      for (EvalMode mode : new EvalMode[] {EvalMode.LEGACY, EvalMode.TRY}) {
        assertThat(runAll(new Sum(c, mode), new ColumnVector[] {v}, ids, 1)).containsExactly(Long.MIN_VALUE);
        assertThat(partialThenFinal(new Sum(c, mode), new ColumnVector[] {v}, ids, 1, 1))
            .containsExactly(Long.MIN_VALUE);
      }
    }
  }

  @Test
  void bigintSumOverflowWhenMergingPartialSumsRaisesUnderAnsi() {
    Expression c = col(0, DataTypes.LongType);
    ColumnVector v = ColumnVector.of(DataTypes.LongType, Long.MAX_VALUE, 1L);
    assertThatThrownBy(() -> partialThenFinal(new Sum(c, EvalMode.ANSI), new ColumnVector[] {v}, new int[2], 1, 1))
        .isInstanceOfSatisfying(ExecutionException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW));
  }

  @Test
  void decimalSumBeyondItsPrecisionRaisesUnderAnsiAndIsKeptOtherwise() {
    DecimalType wide = DataTypes.createDecimalType(38, 0);
    Expression c = col(0, wide);
    BigDecimal big = new BigDecimal("9".repeat(38));
    ColumnVector v = ColumnVector.of(wide, big, big);
    int[] ids = new int[2];
    Accumulator ansi = Accumulators.create(new Sum(c, EvalMode.ANSI));
    ansi.ensureCapacity(1);
    assertThatThrownBy(() -> ansi.update(ids, new ColumnVector[] {v}, 2))
        .isInstanceOfSatisfying(ExecutionException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE));
    assertThat(runAll(new Sum(c, EvalMode.LEGACY), new ColumnVector[] {v}, ids, 1))
        .containsExactly(big.add(big));
  }

  @Test
  void averageIsADoubleForNumbersAndARoundedDecimalForDecimals() {
    check(new Average(x), 16.0 / 3, 2.0, null, null);
    check(new Average(i), 11.0 / 3, -3.0, null, null);
    check(new Average(d), 2.75 / 3, Double.NaN, null, null);
    // decimal(5,2) averages to decimal(9,6), half-up: 3.85 / 3 = 1.2833333...
    check(new Average(m), dec("1.283333"), dec("-0.325000"), null, null);
    assertThat(new Average(m).dataType()).isEqualTo(DataTypes.createDecimalType(9, 6));
  }

  @Test
  void tryAverageIsTheAverageUntilADecimalSumOverflows() {
    check(new Average(x, true), 16.0 / 3, 2.0, null, null);
    check(new Average(m, true), dec("1.283333"), dec("-0.325000"), null, null);
    assertThat(new Average(m, true).dataType()).isEqualTo(new Average(m).dataType());

    // decimal(38,0) sums in decimal(38,0): two values of 6e37 overflow it, in one part or when merging
    DecimalType wide = DataTypes.createDecimalType(38, 0);
    Expression c = col(0, wide);
    BigDecimal big = new BigDecimal("6" + "0".repeat(37));
    ColumnVector v = ColumnVector.of(wide, big, BigDecimal.ONE, big, BigDecimal.ONE, BigDecimal.ONE);
    int[] ids = {0, 1, 0, 1, 0};
    AggregateFunction f = new Average(c, true);
    BigDecimal one = new BigDecimal("1.0000");
    assertThat(runAll(f, new ColumnVector[] {v}, ids, 2)).containsExactly(null, one);
    for (int split = 1; split < 5; split++) {
      assertThat(partialThenFinal(f, new ColumnVector[] {v}, ids, 2, split)).as("split %d", split)
          .containsExactly(null, one);
      assertThat(restoredThenUpdated(f, new ColumnVector[] {v}, ids, 2, split)).as("split %d", split)
          .containsExactly(null, one);
    }
  }

  @Test
  void minAndMaxIgnoreNullsForEveryStorage() {
    check(new MinMax(x, false), 1L, -3L, null, null);
    check(new MinMax(x, true), 10L, 7L, null, null);
    check(new MinMax(i, false), 1, -8, null, null);
    check(new MinMax(i, true), 6, 2, null, null);
    // NaN is larger than every other double
    check(new MinMax(d, false), 0.25, -2.0, null, null);
    check(new MinMax(d, true), 2.0, Double.NaN, null, null);
    check(new MinMax(s, false), "a", "b", "d", null);
    check(new MinMax(s, true), "j", "i", "d", null);
    check(new MinMax(m, true), dec("2.50"), dec("0.10"), null, null);
  }

  @Test
  void firstAndLastFollowArrivalOrderAndTellATakenNullFromAnEmptyGroup() {
    // group 1's first value is NULL (row 1, in the first part); merging must keep it
    check(new FirstLast(x, false, false), 10L, null, null, null);
    check(new FirstLast(x, false, true), 10L, 7L, null, null);
    check(new FirstLast(s, true, false), "j", "i", null, null);
    check(new FirstLast(s, true, true), "j", "i", "d", null);
    check(new FirstLast(i, true, false), 1, null, null, null);
    check(new FirstLast(i, true, true), 1, -8, null, null);
  }

  @Test
  void firstTakesNothingFromAPartitionThatHadNoRowOfTheGroup() {
    // part one sees only group 1, part two only group 0: part one's empty group 0 must not win
    Expression c = col(0, DataTypes.LongType);
    ColumnVector v = ColumnVector.of(DataTypes.LongType, 7L, 5L);
    int[] ids = {1, 0};
    assertThat(partialThenFinal(new FirstLast(c, false, false), new ColumnVector[] {v}, ids, 2, 1))
        .containsExactly(5L, 7L);
    assertThat(restoredThenUpdated(new FirstLast(c, false, false), new ColumnVector[] {v}, ids, 2, 1))
        .containsExactly(5L, 7L);
  }

  @Test
  void maxByAndMinByTakeTheValueOfTheExtremeOrdering() {
    check(new MaxMinBy(s, x, true), "a", "f", null, null);
    check(new MaxMinBy(s, x, false), "j", "i", null, null);
    // the chosen row's value may itself be NULL (group 0: y = 9 at row 2), and a row with a NULL
    // ordering is never chosen (group 2: row 3 has s = "d" but no y, row 7 has y = 5 but no s)
    check(new MaxMinBy(s, y, true), null, "f", null, null);
    check(new MaxMinBy(s, y, false), "j", "i", null, null);
    check(new MaxMinBy(x, s, true), 1L, -3L, null, null);
    // of equal orderings the first row wins, also when the tie spans both parts (k = 1 at rows 0 and 6)
    check(new MaxMinBy(s, k, false), "a", "f", null, null);
    check(new MaxMinBy(s, k, true), null, "b", null, null);
  }

  @Test
  void distinctAggregatesSeeEachTupleOnceAcrossParts() {
    // group 0 holds 1 and 2 in both parts
    check(new DistinctAggregate(new Count(List.of(k))), 2L, 2L, 1L, 0L);
    check(new DistinctAggregate(new Sum(k, EvalMode.ANSI)), 3L, 7L, 3L, null);
    check(new DistinctAggregate(new Average(k)), 1.5, 3.5, 3.0, null);
    // tuples with a NULL member are left out
    check(new DistinctAggregate(new Count(List.of(k, s))), 3L, 3L, 0L, 0L);
    check(new DistinctAggregate(new MinMax(s, true)), "j", "i", "d", null);
  }

  @Test
  void collectListKeepsEveryNonNullValueInArrivalOrderAndGivesAnEmptyArrayForEmptyGroups() {
    // group 0 takes "a" from the first part and "g", "j" from the second; row 4 ("zz") is filtered
    check(new Collect(s, false), List.of("a", "g", "j"), List.of("b", "f", "i"), List.of("d"), List.of());
    check(new Collect(k, false), List.of(1L, 2L, 1L, 2L), List.of(5L, 2L, 2L), List.of(3L), List.of());
    // a group whose only values are NULL (group 2 of x) collects nothing, like a group without rows
    check(new Collect(x, false), List.of(10L, 5L, 1L), List.of(7L, -3L), List.of(), List.of());
    assertThat(new Collect(x, false).dataType()).isEqualTo(new ArrayType(DataTypes.LongType, false));
    assertThat(new Collect(x, false).nullable()).isFalse();
  }

  @Test
  void collectSetKeepsTheFirstOccurrenceOfEachValueAlsoAcrossParts() {
    // group 0 holds 1 and 2 in both parts, group 1 holds 2 twice in the second part
    check(new Collect(k, true), List.of(1L, 2L), List.of(5L, 2L), List.of(3L), List.of());
    check(new Collect(s, true), List.of("a", "g", "j"), List.of("b", "f", "i"), List.of("d"), List.of());
    // collect_list(DISTINCT k) is the set
    check(new DistinctAggregate(new Collect(k, false)), List.of(1L, 2L), List.of(5L, 2L), List.of(3L), List.of());
  }

  @Test
  void collectSetComparesBinaryValuesByContent() {
    Expression c = col(0, DataTypes.BinaryType);
    ColumnVector v = ColumnVector.of(DataTypes.BinaryType, new byte[] {1}, new byte[] {1}, new byte[] {2}, null);
    int[] ids = new int[4];
    List<Object> all = runAll(new Collect(c, true), new ColumnVector[] {v}, ids, 1);
    assertThat((List<?>) all.get(0)).hasSize(2);
    List<Object> merged = partialThenFinal(new Collect(c, true), new ColumnVector[] {v}, ids, 1, 1);
    assertThat((List<?>) merged.get(0)).hasSize(2);
  }

  @Test
  void varianceAndStandardDeviationOfSamplesAndPopulations() {
    // y: group 0 holds 1, 9, 4, 0 (mean 3.5, squared deviations sum to 49), group 1 holds 2, 3, 1
    // (mean 2, sum 2), group 2 only the value 5 (its other row is NULL), group 3 nothing
    checkClose(moment(y, CentralMoment.Kind.VAR_POP), 12.25, 2.0 / 3, 0.0, null);
    checkClose(moment(y, CentralMoment.Kind.VAR_SAMP), 49.0 / 3, 1.0, null, null);
    checkClose(moment(y, CentralMoment.Kind.STDDEV_POP), 3.5, Math.sqrt(2.0 / 3), 0.0, null);
    checkClose(moment(y, CentralMoment.Kind.STDDEV_SAMP), Math.sqrt(49.0 / 3), 1.0, null, null);
    // bigint input; group 2 of x has only NULLs, so every statistic is NULL there
    checkClose(moment(x, CentralMoment.Kind.VAR_SAMP), 61.0 / 3, 50.0, null, null);
    checkClose(moment(x, CentralMoment.Kind.VAR_POP), 122.0 / 9, 25.0, null, null);
    // a NaN input makes its group's statistics NaN
    // d: group 0 holds 0.5, 0.25, 2.0 (squares sum to 4.3125, the values to 2.75)
    checkClose(moment(d, CentralMoment.Kind.VAR_POP), (4.3125 - 2.75 * 2.75 / 3) / 3, Double.NaN, null, null);
    assertThat(moment(y, CentralMoment.Kind.VAR_POP).dataType()).isEqualTo(DataTypes.DoubleType);
  }

  @Test
  void mergingPartialMomentsIsStableForLargeOffsets() {
    // values around 1e9 whose variance is 2/3 (-1, 0, 1 shifted): a sum of squares (about 6e18,
    // where doubles are 1024 apart) would lose it entirely; the running mean keeps it to the
    // precision of a double near 1e9 (1.2e-7)
    Expression c = col(0, DataTypes.DoubleType);
    double base = 1e9;
    ColumnVector v = ColumnVector.of(DataTypes.DoubleType, base - 1, base, base + 1, base - 1, base, base + 1);
    int[] ids = new int[6];
    AggregateFunction f = moment(c, CentralMoment.Kind.VAR_POP);
    for (List<Object> r : List.of(runAll(f, new ColumnVector[] {v}, ids, 1),
        partialThenFinal(f, new ColumnVector[] {v}, ids, 1, 2),
        restoredThenUpdated(f, new ColumnVector[] {v}, ids, 1, 4))) {
      assertThat((Double) r.get(0)).isCloseTo(2.0 / 3, within(1e-6));
    }
  }

  @Test
  void bitwiseAggregatesCombineNonNullValuesInTheInputType() {
    // x: group 0 holds 10, 5, 1; group 1 holds 7, -3 (two's complement)
    check(new BitAggregate(x, BitAggregate.Op.AND), 0L, 5L, null, null);
    check(new BitAggregate(x, BitAggregate.Op.OR), 15L, -1L, null, null);
    check(new BitAggregate(x, BitAggregate.Op.XOR), 14L, -6L, null, null);
    // i (int): group 0 holds 4, 6, 1; group 1 holds 2, -8; the result stays an int
    check(new BitAggregate(i, BitAggregate.Op.AND), 0, 0, null, null);
    check(new BitAggregate(i, BitAggregate.Op.OR), 7, -6, null, null);
    check(new BitAggregate(i, BitAggregate.Op.XOR), 3, -6, null, null);
    // with DISTINCT, a value seen twice is combined once: k in group 0 is 1, 2, 1, 2
    check(new BitAggregate(k, BitAggregate.Op.XOR), 0L, 5L, 3L, null);
    check(new DistinctAggregate(new BitAggregate(k, BitAggregate.Op.XOR)), 3L, 7L, 3L, null);
  }

  @Test
  void anUnknownFunctionIsRefusedByName() {
    AggregateFunction unknown = new AggregateFunction() {
      @Override
      public String name() {
        return "mystery";
      }

      @Override
      public List<DataType> bufferTypes() {
        return List.of(DataTypes.LongType);
      }

      @Override
      public List<Expression> children() {
        return List.of();
      }

      @Override
      public Expression withNewChildren(List<Expression> c) {
        return this;
      }

      @Override
      public DataType dataType() {
        return DataTypes.LongType;
      }

      @Override
      public boolean nullable() {
        return true;
      }
    };
    assertThatThrownBy(() -> Accumulators.create(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mystery");
  }

  // ---------------------------------------------------------------- harness

  /** Runs {@code f} over the shared rows the three ways and checks each against the expected values. */
  private static void check(AggregateFunction f, Object... expected) {
    ColumnVector[] inputs = inputsOf(f);
    assertThat(runAll(f, inputs, IDS, GROUPS)).as("%s, one accumulator", f.sql()).containsExactly(expected);
    assertThat(partialThenFinal(f, inputs, IDS, GROUPS, SPLIT))
        .as("%s, partial buffers merged", f.sql()).containsExactly(expected);
    assertThat(restoredThenUpdated(f, inputs, IDS, GROUPS, SPLIT))
        .as("%s, buffers restored then updated", f.sql()).containsExactly(expected);
  }

  /**
   * Like {@link #check} for double results, which partial merging may change in the last bits: each
   * value within 1e-12 of the expected one (relative), NULL and NaN exactly.
   */
  private static void checkClose(AggregateFunction f, Double... expected) {
    ColumnVector[] inputs = inputsOf(f);
    List<List<Object>> ways = List.of(runAll(f, inputs, IDS, GROUPS), partialThenFinal(f, inputs, IDS, GROUPS, SPLIT),
        restoredThenUpdated(f, inputs, IDS, GROUPS, SPLIT));
    for (List<Object> got : ways) {
      assertThat(got).hasSize(expected.length);
      for (int g = 0; g < expected.length; g++) {
        Double want = expected[g];
        Object v = got.get(g);
        if (want == null) {
          assertThat(v).as("%s group %d", f.sql(), g).isNull();
        } else if (want.isNaN()) {
          assertThat((Double) v).as("%s group %d", f.sql(), g).isNaN();
        } else {
          assertThat((Double) v).as("%s group %d", f.sql(), g)
              .isCloseTo(want, within(Math.max(1e-300, Math.abs(want) * 1e-12)));
        }
      }
    }
  }

  private static CentralMoment moment(Expression e, CentralMoment.Kind kind) {
    return new CentralMoment(e, kind);
  }

  private static List<Object> runAll(AggregateFunction f, ColumnVector[] inputs, int[] ids, int groups) {
    Accumulator acc = Accumulators.create(f);
    acc.ensureCapacity(groups);
    acc.update(ids, inputs, ids.length);
    return result(f, acc, groups);
  }

  /**
   * Two partitions aggregate their rows separately, the second numbering its groups in reverse;
   * a fresh accumulator merges both sets of buffers, mapping each partition's ids to the final ones.
   */
  private static List<Object> partialThenFinal(AggregateFunction f, ColumnVector[] inputs, int[] ids, int groups,
      int split) {
    Accumulator first = Accumulators.create(f);
    first.ensureCapacity(groups);
    first.update(Arrays.copyOfRange(ids, 0, split), slice(inputs, 0, split), split);

    int rest = ids.length - split;
    int[] reversed = new int[rest];
    for (int r = 0; r < rest; r++) {
      int g = ids[split + r];
      reversed[r] = g < 0 ? g : groups - 1 - g;
    }
    Accumulator second = Accumulators.create(f);
    second.ensureCapacity(groups);
    second.update(reversed, slice(inputs, split, rest), rest);

    Accumulator fin = Accumulators.create(f);
    fin.ensureCapacity(groups);
    int[] identity = new int[groups];
    int[] unreverse = new int[groups];
    for (int g = 0; g < groups; g++) {
      identity[g] = g;
      unreverse[g] = groups - 1 - g;
    }
    fin.merge(identity, buffersOf(f, first, groups), groups);
    fin.merge(unreverse, buffersOf(f, second, groups), groups);
    return result(f, fin, groups);
  }

  /** A stateful aggregate's way: the first part's buffers come back from the store, then new rows arrive. */
  private static List<Object> restoredThenUpdated(AggregateFunction f, ColumnVector[] inputs, int[] ids,
      int groups, int split) {
    Accumulator before = Accumulators.create(f);
    before.ensureCapacity(groups);
    before.update(Arrays.copyOfRange(ids, 0, split), slice(inputs, 0, split), split);
    ColumnVector[] saved = buffersOf(f, before, groups);

    Accumulator after = Accumulators.create(f);
    after.ensureCapacity(groups);
    int[] identity = new int[groups];
    for (int g = 0; g < groups; g++) {
      identity[g] = g;
    }
    after.merge(identity, saved, groups);
    int rest = ids.length - split;
    after.update(Arrays.copyOfRange(ids, split, ids.length), slice(inputs, split, rest), rest);
    return result(f, after, groups);
  }

  private static ColumnVector[] buffersOf(AggregateFunction f, Accumulator acc, int groups) {
    ColumnVector[] b = acc.buffers(groups);
    assertThat(b).hasSize(f.bufferTypes().size());
    for (int c = 0; c < b.length; c++) {
      assertThat(b[c].size()).isEqualTo(groups);
      assertThat(b[c].type()).as("%s buffer %d", f.sql(), c).isEqualTo(f.bufferTypes().get(c));
    }
    return b;
  }

  private static List<Object> result(AggregateFunction f, Accumulator acc, int groups) {
    ColumnVector v = acc.evaluate(groups);
    assertThat(v.size()).isEqualTo(groups);
    assertThat(v.type()).as("%s result type", f.sql()).isEqualTo(f.dataType());
    assertThat(acc.estimatedBytes()).isPositive();
    List<Object> out = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      out.add(v.get(g));
    }
    return out;
  }

  /** The shared columns the function's inputs refer to, in input order. */
  private static ColumnVector[] inputsOf(AggregateFunction f) {
    List<Expression> in = f.inputs();
    ColumnVector[] out = new ColumnVector[in.size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = COLUMNS[((BoundReference) in.get(c)).ordinal()];
    }
    return out;
  }

  private static ColumnVector[] slice(ColumnVector[] vs, int from, int n) {
    ColumnVector[] out = new ColumnVector[vs.length];
    for (int c = 0; c < vs.length; c++) {
      out[c] = vs[c].slice(from, n);
    }
    return out;
  }

  private static Expression col(int ordinal, DataType type) {
    return new BoundReference(ordinal, type, true, "c" + ordinal);
  }

  private static BigDecimal dec(String v) {
    return new BigDecimal(v);
  }
}
