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
        document(r.register(name, 1, 1, usage, (a, c) -> {
          Generator g = new Generator(kind, outer, a.get(0));
          String err = g.checkInputTypes();
          if (err != null) {
            throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + g.sql() + "\"", err);
          }
          return g;
        }), kind, outer);
      }
    }
  }

  private static void document(FunctionSpec spec, Generator.Kind kind, boolean outer) {
    String name = spec.name();
    String whenEmpty = outer
        ? " A NULL or empty input still yields one row, of NULLs."
        : " A NULL or empty input yields no rows; `" + name + "_outer` yields one row of NULLs instead.";
    switch (kind) {
      case EXPLODE -> spec.doc("Produces one row per element of an array (column `col`) or per entry of a map "
              + "(columns `key` and `value`)." + whenEmpty)
          .example("SELECT " + name + "(array(10, 20))", "10\n20")
          .example("SELECT " + name + "(map('a', 1, 'b', 2))", "a\t1\nb\t2");
      case POSEXPLODE -> spec.doc("Like `explode`, but each row also carries the element's 0-based position "
              + "(column `pos`, before `col`, or before `key` and `value` for a map)." + whenEmpty)
          .example("SELECT " + name + "(array(10, 20))", "0\t10\n1\t20")
          .example("SELECT " + name + "(map('a', 1, 'b', 2))", "0\ta\t1\n1\tb\t2");
      case INLINE -> spec.doc("Produces one row per struct of an array of structs, with one column per struct "
              + "field." + whenEmpty)
          .example("SELECT " + name + "(array(struct(1, 'a'), struct(2, 'b')))", "1\ta\n2\tb");
    }
    if (outer) {
      spec.example(kind == Generator.Kind.INLINE
          ? "SELECT " + name + "(CAST(NULL AS ARRAY<STRUCT<a: INT, b: STRING>>))"
          : "SELECT " + name + "(CAST(NULL AS ARRAY<INT>))",
          kind == Generator.Kind.EXPLODE ? "NULL" : "NULL\tNULL");
    } else {
      spec.example(kind == Generator.Kind.INLINE
          ? "SELECT count(*) FROM (SELECT " + name + "(CAST(NULL AS ARRAY<STRUCT<a: INT, b: STRING>>)))"
          : "SELECT count(*) FROM (SELECT " + name + "(CAST(NULL AS ARRAY<INT>)))", "0");
    }
  }
}
