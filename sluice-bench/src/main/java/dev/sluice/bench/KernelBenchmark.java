package dev.sluice.bench;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.plan.expr.BoundReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Kernel;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.ObjectVector;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Built-in function kernels, typed shape against the boxed row form, in one run: each function is
 * compiled twice over the same 4,096-row batch (about 10 % NULLs), once with its typed {@link Kernel}
 * (the loop over the argument's array that the registry uses) and once as a {@link Kernel.Row} that
 * computes the same thing from an {@code Object[]} of boxed values per row (how every built-in function
 * ran before typed kernels). The difference is the kernel shape alone: same arithmetic, same input.
 *
 * <pre>
 *   mvn -q -DskipTests install &amp;&amp; java -cp "sluice-bench/target/sluice-bench.jar:sluice-bench/target/lib/*" \
 *       dev.sluice.bench.KernelBenchmark [rounds]
 * </pre>
 * Prints, per function, the median over rounds of millions of rows per second for both forms and the
 * ratio (typed / row).
 */
public final class KernelBenchmark {
  private KernelBenchmark() {}

  private static final int ROWS = 4096;
  private static final int BATCHES_PER_ROUND = 400;

  private record Case(String name, Expression typed, Expression row) {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    ColumnBatch batch = batch(new Random(42));
    BoundReference d = new BoundReference(0, DataTypes.DoubleType, true, "d");
    BoundReference s = new BoundReference(1, DataTypes.StringType, true, "s");
    BoundReference day = new BoundReference(2, DataTypes.DateType, true, "day");
    BoundReference ts = new BoundReference(3, DataTypes.TimestampType, true, "ts");
    Literal prefix = Literal.of("ab");
    List<Case> cases = List.of(
        new Case("sqrt(d)",
            fn("sqrt", List.of(d), DataTypes.DoubleType, new Kernel.DoubleUnary(Math::sqrt)),
            fn("sqrt", List.of(d), DataTypes.DoubleType, v -> Math.sqrt((Double) v[0]))),
        new Case("pow(d, d)",
            fn("pow", List.of(d, d), DataTypes.DoubleType, new Kernel.DoubleBinary(StrictMath::pow)),
            fn("pow", List.of(d, d), DataTypes.DoubleType, v -> StrictMath.pow((Double) v[0], (Double) v[1]))),
        new Case("floor(d)",
            fn("floor", List.of(d), DataTypes.LongType, new Kernel.DoubleToLong(x -> (long) Math.floor(x))),
            fn("floor", List.of(d), DataTypes.LongType, v -> (long) Math.floor((Double) v[0]))),
        new Case("upper(s)",
            fn("upper", List.of(s), DataTypes.StringType,
                new Kernel.ObjUnary<String>(x -> x.toUpperCase(Locale.ROOT))),
            fn("upper", List.of(s), DataTypes.StringType, v -> ((String) v[0]).toUpperCase(Locale.ROOT))),
        new Case("length(s)",
            fn("length", List.of(s), DataTypes.IntegerType,
                new Kernel.ObjToInt<String>(x -> x.codePointCount(0, x.length()))),
            fn("length", List.of(s), DataTypes.IntegerType,
                v -> ((String) v[0]).codePointCount(0, ((String) v[0]).length()))),
        new Case("startswith(s, 'ab')",
            fn("startswith", List.of(s, prefix), DataTypes.BooleanType,
                new Kernel.ObjBinaryToBool<String, String>(String::startsWith)),
            fn("startswith", List.of(s, prefix), DataTypes.BooleanType,
                v -> ((String) v[0]).startsWith((String) v[1]))),
        new Case("month(day)",
            fn("month", List.of(day), DataTypes.IntegerType,
                new Kernel.IntUnary(x -> LocalDate.ofEpochDay(x).getMonthValue())),
            fn("month", List.of(day), DataTypes.IntegerType,
                v -> LocalDate.ofEpochDay((Integer) v[0]).getMonthValue())),
        new Case("hour(ts)",
            fn("hour", List.of(ts), DataTypes.IntegerType,
                new Kernel.LongToInt(x -> DateTimeUtil.toLocalDateTime(x).getHour())),
            fn("hour", List.of(ts), DataTypes.IntegerType,
                v -> DateTimeUtil.toLocalDateTime((Long) v[0]).getHour())));

    System.out.printf("%-22s %14s %14s %8s%n", "function", "typed Mrows/s", "row Mrows/s", "ratio");
    long sink = 0;
    for (Case c : cases) {
      Evaluator typed = ExpressionCompiler.compile(c.typed());
      Evaluator row = ExpressionCompiler.compile(c.row());
      check(typed.eval(batch), row.eval(batch), c.name());
      List<Double> typedRates = new ArrayList<>();
      List<Double> rowRates = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        // Alternate so that both forms see the same machine state.
        long t0 = System.nanoTime();
        for (int i = 0; i < BATCHES_PER_ROUND; i++) {
          sink += typed.eval(batch).size();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < BATCHES_PER_ROUND; i++) {
          sink += row.eval(batch).size();
        }
        long t2 = System.nanoTime();
        typedRates.add(rate(t1 - t0));
        rowRates.add(rate(t2 - t1));
      }
      double t = median(typedRates);
      double w = median(rowRates);
      System.out.printf("%-22s %14.1f %14.1f %7.2fx%n", c.name(), t, w, t / w);
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static Expression fn(String name, List<Expression> args, DataType type, Kernel k) {
    return new ScalarFunction(name, args, type, k);
  }

  private static Expression fn(String name, List<Expression> args, DataType type, ScalarFunction.Impl f) {
    return new ScalarFunction(name, args, type, f);
  }

  private static double rate(long nanos) {
    return (double) ROWS * BATCHES_PER_ROUND / nanos * 1000.0;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  /** Both forms must agree on every row, or the comparison means nothing. */
  private static void check(ColumnVector a, ColumnVector b, String name) {
    for (int i = 0; i < ROWS; i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x == null ? y != null : !x.equals(y)) {
        throw new IllegalStateException(name + ": row " + i + " differs: " + x + " vs " + y);
      }
    }
  }

  private static ColumnBatch batch(Random rnd) {
    double[] d = new double[ROWS];
    Object[] s = new Object[ROWS];
    int[] days = new int[ROWS];
    long[] ts = new long[ROWS];
    boolean[] nulls = new boolean[ROWS];
    String[] words = {"abc", "Spark SQL", "sluice", "ab", "stream processing", "x", "Ärger", "abab"};
    for (int i = 0; i < ROWS; i++) {
      nulls[i] = rnd.nextInt(10) == 0;
      d[i] = rnd.nextDouble() * 1000 - 100;
      s[i] = nulls[i] ? null : words[rnd.nextInt(words.length)] + i;
      days[i] = 18000 + rnd.nextInt(3000);
      ts[i] = 1_600_000_000_000_000L + rnd.nextLong(100_000_000_000_000L);
    }
    return new ColumnBatch(new ColumnVector[] {
        new DoubleVector(d, ROWS, nulls.clone()),
        new ObjectVector(DataTypes.StringType, s, ROWS, nulls.clone()),
        new IntVector(DataTypes.DateType, days, ROWS, nulls.clone()),
        new LongVector(DataTypes.TimestampType, ts, ROWS, nulls.clone())}, ROWS);
  }
}
