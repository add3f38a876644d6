package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;
import java.util.UUID;

/** Functions about values rather than of them: typeof, uuid, hash. */
final class MiscFunctions {
  private MiscFunctions() {}

  /**
   * Spark's cast functions, {@code int(x)} for {@code CAST(x AS INT)}: one argument, cast in the session's
   * mode (ANSI errors on bad input, otherwise NULL).
   */
  private static void castFunction(FunctionRegistry r, String name, DataType type, String example, String result) {
    r.register(name, 1, 1, name + "(expr)", (a, c) -> {
      dev.sluice.plan.expr.Cast cast = new dev.sluice.plan.expr.Cast(a.get(0), type,
          dev.sluice.plan.expr.EvalMode.fromAnsi(c.ansi()));
      String err = cast.checkInputTypes();
      if (err != null) {
        throw new dev.sluice.errors.AnalysisException(dev.sluice.errors.ErrorClass.DATATYPE_MISMATCH,
            "\"" + name + "(" + a.get(0).sql() + ")\"", err);
      }
      return cast;
    })
        .group("conversion_funcs")
        .doc("Casts `expr` to " + type.sql() + ", the same as `CAST(expr AS " + type.sql() + ")`.")
        .example(example, result);
  }

  static void register(FunctionRegistry r) {
    // Spark's typeof names the type without looking at the value, so NULL has a type too.
    r.register("typeof", 1, 1, "typeof(expr)", (a, c) -> {
      String type = a.get(0).dataType().simpleString();
      return new ScalarFunction("typeof", a, DataTypes.StringType, false, true, v -> type);
    })
        .doc("Returns the name of the data type of `expr`, in DDL form (`int`, `array<int>`, ...). The type is "
            + "known without evaluating the value, so a NULL of a type still has that type's name.")
        .example("SELECT typeof(1)", "int")
        .example("SELECT typeof(array(1))", "array<int>")
        .example("SELECT typeof(NULL)", "void");
    // Spark's hash(): Murmur3 with seed 42 over the arguments in order, the function Spark and Sluice
    // partition shuffles with; a null argument leaves the running hash unchanged.
    r.register("hash", 1, Integer.MAX_VALUE, "hash(expr, ...)", (a, c) -> {
      List<dev.sluice.types.DataType> types = a.stream().map(dev.sluice.plan.expr.Expression::dataType).toList();
      return new ScalarFunction("hash", a, DataTypes.IntegerType, false, true, v -> {
        int h = dev.sluice.vector.Murmur3.SEED;
        for (int i = 0; i < v.length; i++) {
          h = dev.sluice.vector.Murmur3.hashValue(v[i], types.get(i), h);
        }
        return h;
      });
    })
        .group("hash_funcs")
        .doc("Returns a 32-bit Murmur3 hash (seed 42) of the arguments taken in order, as an INT; it matches "
            + "Spark's `hash` for the same values and types. A NULL argument leaves the hash unchanged, so the "
            + "result is never NULL.")
        .example("SELECT hash('Spark', array(123), 2)", "-1321691492")
        .example("SELECT hash(NULL)", "42");
    castFunction(r, "boolean", DataTypes.BooleanType, "SELECT boolean(1)", "true");
    castFunction(r, "int", DataTypes.IntegerType, "SELECT int('12')", "12");
    castFunction(r, "bigint", DataTypes.LongType, "SELECT bigint(1.9)", "1");
    castFunction(r, "double", DataTypes.DoubleType, "SELECT double('1.5')", "1.5");
    castFunction(r, "decimal", dev.sluice.types.DecimalType.bounded(10, 0), "SELECT decimal('3.14')", "3");
    castFunction(r, "string", DataTypes.StringType, "SELECT string(1) || 'x'", "1x");
    castFunction(r, "date", DataTypes.DateType, "SELECT date('2014-04-04')", "2014-04-04");
    castFunction(r, "timestamp", DataTypes.TimestampType, "SELECT timestamp('2014-04-04 10:00:00')",
        "2014-04-04 10:00:00");
    castFunction(r, "binary", DataTypes.BinaryType, "SELECT hex(binary('ab'))", "6162");
    r.register("uuid", 0, 0, "uuid()", (a, c) -> new ScalarFunction("uuid", List.of(), DataTypes.StringType, false,
        false, v -> UUID.randomUUID().toString()))
        .doc("Returns a new random universally unique identifier (version 4) as a 36-character string, a different "
            + "one for each row and call; it is not deterministic.")
        .example("SELECT length(uuid())", "36");
  }
}
