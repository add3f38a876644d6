package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataTypes;
import java.util.List;
import java.util.UUID;

/** Functions about values rather than of them: typeof, uuid, hash. */
final class MiscFunctions {
  private MiscFunctions() {}

  static void register(FunctionRegistry r) {
    // Spark's typeof names the type without looking at the value, so NULL has a type too.
    r.register("typeof", 1, 1, "typeof(expr)", (a, c) -> {
      String type = a.get(0).dataType().simpleString();
      return new ScalarFunction("typeof", a, DataTypes.StringType, false, true, v -> type);
    });
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
    });
    r.register("uuid", 0, 0, "uuid()", (a, c) -> new ScalarFunction("uuid", List.of(), DataTypes.StringType, false,
        false, v -> UUID.randomUUID().toString()));
  }
}
