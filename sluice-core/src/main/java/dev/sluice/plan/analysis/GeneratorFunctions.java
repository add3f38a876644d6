package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Generator;

/** Table-generating functions: {@code explode}, {@code posexplode}, {@code inline} and their {@code _outer} forms. */
final class GeneratorFunctions {
  private GeneratorFunctions() {}

  static void register(FunctionRegistry r) {
    for (Generator.Kind kind : Generator.Kind.values()) {
      for (boolean outer : new boolean[] {false, true}) {
        Generator probe = new Generator(kind, outer, null);
        String name = probe.functionName();
        String usage = name + (kind == Generator.Kind.INLINE ? "(array<struct>)" : "(array | map)");
        r.register(name, 1, 1, usage, (a, c) -> {
          Generator g = new Generator(kind, outer, a.get(0));
          String err = g.checkInputTypes();
          if (err != null) {
            throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + g.sql() + "\"", err);
          }
          return g;
        });
      }
    }
  }
}
