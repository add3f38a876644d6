package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Kernel;
import dev.sluice.plan.expr.GetStructField;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.MapType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueFormat;
import dev.sluice.types.ValueOrdering;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Array and map functions. Arrays are {@link List}s and maps {@link LinkedHashMap}s of internal
 * values; results are always fresh lists (callers' values are never modified). Element positions
 * are 1-based in element_at and 0-based in get, as in Spark.
 */
final class CollectionFunctions {
  private CollectionFunctions() {}

  /** Spark's limit on the number of elements of an array a function may create. */

  static void register(FunctionRegistry r) {
    r.register("array", 0, Integer.MAX_VALUE, "array(expr, ...)", (a, c) -> {
      List<Expression> args = TypeCoercion.coerceAll("array", a, c.ansi(), false);
      DataType et = args.isEmpty() ? DataTypes.NullType : args.get(0).dataType();
      return new ScalarFunction("array", args, new ArrayType(et, true), false, true,
          v -> new ArrayList<>(Arrays.asList(v)));
    })
        .group("array_funcs")
        .doc("Returns an array of the arguments, in order, coerced to a common element type. With no arguments the "
            + "result is an empty array; NULL arguments become NULL elements.")
        .example("SELECT array(1, 2, 3)", "[1,2,3]")
        .example("SELECT array('a', NULL, 'c')", "[\"a\",null,\"c\"]");
    r.register("size", 1, 1, "size(array | map)", CollectionFunctions::size)
        .doc("Returns the number of elements in an array or entries in a map. For a NULL input the result is NULL "
            + "under ANSI mode (the default) and -1 when ANSI mode is off.")
        .example("SELECT size(array('b', 'd', 'c', 'a'))", "4")
        .example("SELECT size(map('a', 1, 'b', 2))", "2")
        .example("SELECT size(NULL)", "NULL");
    r.alias("cardinality", "size");
    r.register("array_contains", 2, 2, "array_contains(array, value)", (a, c) -> {
      Expression[] av = arrayAndValue(a, c);
      DataType et = FunctionArgs.elementType(av[0]);
      return new ScalarFunction("array_contains", List.of(av[0], av[1]), DataTypes.BooleanType, v -> {
        boolean hasNull = false;
        for (Object o : (List<?>) v[0]) {
          if (o == null) {
            hasNull = true;
          } else if (ValueOrdering.compareValues(o, v[1], et) == 0) {
            return true;
          }
        }
        return hasNull ? null : (Object) false;
      });
    })
        .group("array_funcs")
        .doc("Returns true if `array` holds an element equal to `value`. When nothing matches the result is false, "
            + "or NULL if the array has a NULL element; a NULL array or value gives NULL.")
        .example("SELECT array_contains(array(1, 2, 3), 2)", "true")
        .example("SELECT array_contains(array(1, 2, 3), 4)", "false")
        .example("SELECT array_contains(array(1, NULL, 3), 2)", "NULL");
    r.register("array_position", 2, 2, "array_position(array, value)", (a, c) -> {
      Expression[] av = arrayAndValue(a, c);
      DataType et = FunctionArgs.elementType(av[0]);
      return new ScalarFunction("array_position", List.of(av[0], av[1]), DataTypes.LongType, v -> {
        List<?> l = (List<?>) v[0];
        for (int i = 0; i < l.size(); i++) {
          if (l.get(i) != null && ValueOrdering.compareValues(l.get(i), v[1], et) == 0) {
            return (long) i + 1;
          }
        }
        return 0L;
      });
    })
        .group("array_funcs")
        .doc("Returns the 1-based position (a BIGINT) of the first element of `array` equal to `value`, or 0 if "
            + "there is none. NULL elements never match; a NULL array or value gives NULL.")
        .example("SELECT array_position(array(312, 773, 708, 708), 708)", "3")
        .example("SELECT array_position(array(312, 773, 708, 708), 414)", "0");
    r.register("array_remove", 2, 2, "array_remove(array, value)", (a, c) -> {
      Expression[] av = arrayAndValue(a, c);
      DataType et = FunctionArgs.elementType(av[0]);
      return new ScalarFunction("array_remove", List.of(av[0], av[1]), av[0].dataType(), v -> {
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) v[0]) {
          if (o == null || ValueOrdering.compareValues(o, v[1], et) != 0) {
            out.add(o);
          }
        }
        return out;
      });
    })
        .group("array_funcs")
        .doc("Returns `array` with every element equal to `value` taken out; NULL elements stay. A NULL array or "
            + "value gives NULL.")
        .example("SELECT array_remove(array(1, 2, 3, NULL, 3), 3)", "[1,2,null]");
    r.register("element_at", 2, 2, "element_at(array, index) | element_at(map, key)",
        (a, c) -> elementAt(a, c, "element_at", c.ansi()))
        .group("map_funcs")
        .doc("For an array, returns the element at the 1-based `index`, counting from the end when `index` is "
            + "negative; for a map, returns the value stored under `key`, or NULL when the key is absent. An index "
            + "of 0 is an error, and under ANSI mode (the default) so is an index beyond the array: use "
            + "`try_element_at` to get NULL instead.")
        .example("SELECT element_at(array(1, 2, 3), 2)", "2")
        .example("SELECT element_at(array(1, 2, 3), -1)", "3")
        .example("SELECT element_at(map(1, 'a', 2, 'b'), 2)", "b");
    r.register("try_element_at", 2, 2, "try_element_at(array, index) | try_element_at(map, key)",
        (a, c) -> elementAt(a, c, "try_element_at", false))
        .group("map_funcs")
        .doc("Like `element_at` (1-based array index, negative from the end, or map key), but an index beyond the "
            + "array gives NULL instead of an error. An index of 0 is still an error; a missing map key gives NULL.")
        .example("SELECT try_element_at(array(1, 2, 3), 2)", "2")
        .example("SELECT try_element_at(array(1, 2, 3), 5)", "NULL")
        .example("SELECT try_element_at(map(1, 'a', 2, 'b'), 2)", "b");
    r.register("get", 2, 2, "get(array, index) | map[key] | struct['field']", CollectionFunctions::get)
        .group("array_funcs")
        .doc("Returns the element of `array` at the 0-based `index`, or NULL when the index is negative or not "
            + "below the array's length; it never fails on a bad index. Sluice also accepts a map and key, or a "
            + "struct and field name, like the `[]` operator.")
        .example("SELECT get(array(1, 2, 3), 0)", "1")
        .example("SELECT get(array(1, 2, 3), 3)", "NULL")
        .example("SELECT get(array(1, 2, 3), -1)", "NULL");
    // value[index]: like get() (0-based, map key, struct field), but under ANSI an array index out of
    // bounds is an error, as in Spark; get() and try_element_at return NULL instead.
    r.register("[]", 2, 2, "array[index] | map[key] | struct['field']", CollectionFunctions::subscript)
        .doc("The subscript operator: `array[index]` gives the element at the 0-based `index`, `map[key]` the value "
            + "under `key` (NULL when absent), `struct['field']` the named field. Under ANSI mode (the default) an "
            + "array index outside the array is an error.")
        .example("SELECT array(1, 2, 3)[0]", "1")
        .example("SELECT map('a', 1, 'b', 2)['b']", "2")
        .example("SELECT map('a', 1, 'b', 2)['c']", "NULL");
    r.register("sort_array", 1, 2, "sort_array(array[, ascending])", (a, c) -> {
      Expression arr = orderableArray(a.get(0), c);
      boolean asc = true;
      if (a.size() == 2) {
        Object v = FunctionArgs.constant(a.get(1), c, "sort order (ascending)");
        if (!(v instanceof Boolean b)) {
          throw FunctionArgs.mismatch(c, a.get(1), "a BOOLEAN constant");
        }
        asc = b;
      }
      Comparator<Object> cmp = ValueOrdering.comparator(FunctionArgs.elementType(arr));
      Comparator<Object> order = asc ? cmp : cmp.reversed();
      return new ScalarFunction("sort_array", a.size() == 2 ? List.of(arr, a.get(1)) : List.of(arr, Literal.TRUE),
          arr.dataType(), v -> sorted((List<?>) v[0], order));
    })
        .group("array_funcs")
        .doc("Returns `array` sorted in ascending order, or descending when `ascending` is false. NULL elements "
            + "come first in ascending order and last in descending order.")
        .example("SELECT sort_array(array('b', 'd', NULL, 'c', 'a'), true)", "[null,\"a\",\"b\",\"c\",\"d\"]")
        .example("SELECT sort_array(array('b', 'd', NULL, 'c', 'a'), false)", "[\"d\",\"c\",\"b\",\"a\",null]");
    r.register("array_sort", 1, 1, "array_sort(array)", (a, c) -> {
      Expression arr = orderableArray(a.get(0), c);
      DataType et = FunctionArgs.elementType(arr);
      Comparator<Object> nullsLast = (x, y) -> ValueOrdering.compareNullable(x, y, et, false);
      return new ScalarFunction("array_sort", List.of(arr), arr.dataType(),
          new Kernel.ObjUnary<List<?>>(x -> sorted(x, nullsLast)));
    })
        .group("array_funcs")
        .doc("Returns `array` sorted in ascending order with NULL elements at the end. Only the one-argument form "
            + "is supported (no comparator lambda).")
        .example("SELECT array_sort(array('b', 'd', NULL, 'c', 'a'))", "[\"a\",\"b\",\"c\",\"d\",null]");
    r.register("array_distinct", 1, 1, "array_distinct(array)", (a, c) -> {
      Expression arr = hashableArray(a.get(0), c);
      return new ScalarFunction("array_distinct", List.of(arr), arr.dataType(),
          new Kernel.ObjUnary<List<?>>(x -> distinct(x, null)));
    })
        .group("array_funcs")
        .doc("Returns the elements of `array` without duplicates, each at its first occurrence; NULL is kept once.")
        .example("SELECT array_distinct(array(1, 2, 3, NULL, 3))", "[1,2,3,null]");
    r.register("array_union", 2, 2, "array_union(array1, array2)", (a, c) -> {
      Expression[] ab = twoArrays(a, c);
      return new ScalarFunction("array_union", List.of(ab[0], ab[1]), ab[0].dataType(),
          v -> distinct((List<?>) v[0], (List<?>) v[1]));
    })
        .group("array_funcs")
        .doc("Returns the elements found in `array1` or `array2`, without duplicates: first those of `array1`, then "
            + "the new ones of `array2`, in order.")
        .example("SELECT array_union(array(1, 2, 3), array(1, 3, 5))", "[1,2,3,5]");
    r.register("array_intersect", 2, 2, "array_intersect(array1, array2)", (a, c) -> {
      Expression[] ab = twoArrays(a, c);
      return new ScalarFunction("array_intersect", List.of(ab[0], ab[1]), ab[0].dataType(),
          v -> intersectOrExcept((List<?>) v[0], (List<?>) v[1], true));
    })
        .group("array_funcs")
        .doc("Returns the elements found in both `array1` and `array2`, without duplicates, in the order of "
            + "`array1`.")
        .example("SELECT array_intersect(array(1, 2, 3), array(1, 3, 5))", "[1,3]");
    r.register("array_except", 2, 2, "array_except(array1, array2)", (a, c) -> {
      Expression[] ab = twoArrays(a, c);
      return new ScalarFunction("array_except", List.of(ab[0], ab[1]), ab[0].dataType(),
          v -> intersectOrExcept((List<?>) v[0], (List<?>) v[1], false));
    })
        .group("array_funcs")
        .doc("Returns the elements of `array1` that are not in `array2`, without duplicates, in the order of "
            + "`array1`.")
        .example("SELECT array_except(array(1, 2, 3), array(1, 3, 5))", "[2]");
    r.register("arrays_overlap", 2, 2, "arrays_overlap(array1, array2)", (a, c) -> {
      Expression[] ab = twoArrays(a, c);
      return new ScalarFunction("arrays_overlap", List.of(ab[0], ab[1]), DataTypes.BooleanType,
          v -> overlap((List<?>) v[0], (List<?>) v[1]));
    })
        .group("array_funcs")
        .doc("Returns true if the two arrays share a non-NULL element. If they share none, the result is NULL when "
            + "both are non-empty and either holds a NULL, and false otherwise.")
        .example("SELECT arrays_overlap(array(1, 2, 3), array(3, 4, 5))", "true")
        .example("SELECT arrays_overlap(array(1, 2), array(3, 4))", "false")
        .example("SELECT arrays_overlap(array(1, NULL), array(3))", "NULL")
        .example("SELECT arrays_overlap(array(), array(1))", "false");
    r.register("array_join", 2, 3, "array_join(array, delimiter[, nullReplacement])", (a, c) -> {
      Expression arr = FunctionArgs.array(a.get(0), c);
      DataType et = FunctionArgs.elementType(arr);
      if (FunctionArgs.isComplex(et)) {
        throw FunctionArgs.mismatch(c, a.get(0), "an ARRAY of atomic values");
      }
      List<Expression> args = new ArrayList<>(List.of(arr, StringFunctions.str(a.get(1), c)));
      if (a.size() == 3) {
        args.add(StringFunctions.str(a.get(2), c));
      }
      return new ScalarFunction("array_join", args, DataTypes.StringType, v -> {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object o : (List<?>) v[0]) {
          String s = o == null ? (v.length == 3 ? (String) v[2] : null) : ValueFormat.toStringValue(o, et);
          if (s == null) {
            continue;
          }
          if (!first) {
            sb.append((String) v[1]);
          }
          sb.append(s);
          first = false;
        }
        return sb.toString();
      });
    })
        .group("array_funcs")
        .doc("Joins the elements of `array` into a string, separated by `delimiter`. NULL elements are left out, or "
            + "written as `nullReplacement` when that is given.")
        .example("SELECT array_join(array('hello', 'world'), ' ')", "hello world")
        .example("SELECT array_join(array('hello', NULL, 'world'), ' ')", "hello world")
        .example("SELECT array_join(array('hello', NULL, 'world'), ' ', ',')", "hello , world");
    r.register("array_min", 1, 1, "array_min(array)", (a, c) -> extreme(a.get(0), c, "array_min", false))
        .group("array_funcs")
        .doc("Returns the smallest element of `array`, ignoring NULL elements; NULL when the array is empty or "
            + "holds only NULLs.")
        .example("SELECT array_min(array(1, 20, NULL, 3))", "1");
    r.register("array_max", 1, 1, "array_max(array)", (a, c) -> extreme(a.get(0), c, "array_max", true))
        .group("array_funcs")
        .doc("Returns the largest element of `array`, ignoring NULL elements; NULL when the array is empty or holds "
            + "only NULLs.")
        .example("SELECT array_max(array(1, 20, NULL, 3))", "20");
    r.register("slice", 3, 3, "slice(array, start, length)", (a, c) -> {
      Expression arr = FunctionArgs.array(a.get(0), c);
      return new ScalarFunction("slice", List.of(arr, StringFunctions.integer(a.get(1), c),
          StringFunctions.integer(a.get(2), c)), arr.dataType(),
          v -> slice((List<?>) v[0], (Integer) v[1], (Integer) v[2]));
    })
        .group("array_funcs")
        .doc("Returns up to `length` elements of `array` starting at the 1-based position `start`, which counts "
            + "from the end when negative. A `start` of 0 or a negative `length` is an error; a `start` outside the "
            + "array gives an empty array.")
        .example("SELECT slice(array(1, 2, 3, 4), 2, 2)", "[2,3]")
        .example("SELECT slice(array(1, 2, 3, 4), -2, 2)", "[3,4]")
        .example("SELECT slice(array(1, 2, 3, 4), 5, 2)", "[]");
    r.register("flatten", 1, 1, "flatten(array of arrays)", (a, c) -> {
      Expression arr = FunctionArgs.array(a.get(0), c);
      if (!(FunctionArgs.elementType(arr) instanceof ArrayType inner)) {
        throw FunctionArgs.mismatch(c, a.get(0), "an ARRAY of ARRAYs");
      }
      return new ScalarFunction("flatten", List.of(arr), inner, v -> {
        long total = 0;
        for (Object o : (List<?>) v[0]) {
          total += o == null ? 0 : ((List<?>) o).size();
        }
        SizeLimits.checkArrayResult("flatten", total);
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) v[0]) {
          if (o == null) {
            return null;
          }
          out.addAll((List<?>) o);
        }
        return out;
      });
    })
        .group("array_funcs")
        .doc("Turns an array of arrays into one array holding the inner arrays' elements in order (one level only). "
            + "The result is NULL if any inner array is NULL.")
        .example("SELECT flatten(array(array(1, 2), array(3, 4)))", "[1,2,3,4]")
        .example("SELECT flatten(array(array(1), array(NULL)))", "[1,null]")
        .example("SELECT flatten(array(array(1, 2), NULL))", "NULL");
    r.register("array_repeat", 2, 2, "array_repeat(element, count)", (a, c) -> new ScalarFunction("array_repeat",
        List.of(a.get(0), StringFunctions.integer(a.get(1), c)), new ArrayType(a.get(0).dataType(), true), false, true,
        v -> {
          if (v[1] == null) {
            return null;
          }
          int n = Math.max(0, (Integer) v[1]);
          SizeLimits.checkArrayParameter("array_repeat", "count", n);
          return new ArrayList<>(java.util.Collections.nCopies(n, v[0]));
        }))
        .group("array_funcs")
        .doc("Returns an array holding `element` `count` times; a `count` of 0 or less gives an empty array and a "
            + "NULL `count` gives NULL.")
        .example("SELECT array_repeat('123', 2)", "[\"123\",\"123\"]")
        .example("SELECT array_repeat(1, 0)", "[]");
    r.register("array_append", 2, 2, "array_append(array, element)", (a, c) -> appendOrPrepend(a, c, true))
        .group("array_funcs")
        .doc("Returns `array` with `element` added at the end; a NULL `element` is added as well. A NULL array "
            + "gives NULL.")
        .example("SELECT array_append(array('b', 'd', 'c', 'a'), 'd')", "[\"b\",\"d\",\"c\",\"a\",\"d\"]")
        .example("SELECT array_append(array(1, 2, 3, NULL), NULL)", "[1,2,3,null,null]")
        .example("SELECT array_append(CAST(NULL AS ARRAY<INT>), 2)", "NULL");
    r.register("array_prepend", 2, 2, "array_prepend(array, element)", (a, c) -> appendOrPrepend(a, c, false))
        .group("array_funcs")
        .doc("Returns `array` with `element` added at the front; a NULL `element` is added as well. A NULL array "
            + "gives NULL.")
        .example("SELECT array_prepend(array('b', 'd', 'c', 'a'), 'd')", "[\"d\",\"b\",\"d\",\"c\",\"a\"]")
        .example("SELECT array_prepend(array(1, 2, 3, NULL), NULL)", "[null,1,2,3,null]")
        .example("SELECT array_prepend(CAST(NULL AS ARRAY<INT>), 2)", "NULL");
    r.register("array_compact", 1, 1, "array_compact(array)", (a, c) -> {
      Expression arr = FunctionArgs.array(a.get(0), c);
      return new ScalarFunction("array_compact", List.of(arr), arr.dataType(), v -> {
        List<Object> out = new ArrayList<>();
        for (Object o : (List<?>) v[0]) {
          if (o != null) {
            out.add(o);
          }
        }
        return out;
      });
    })
        .group("array_funcs")
        .doc("Returns `array` with its NULL elements removed.")
        .example("SELECT array_compact(array(1, 2, 3, NULL))", "[1,2,3]")
        .example("SELECT array_compact(array('a', 'b', 'c'))", "[\"a\",\"b\",\"c\"]");
    r.register("sequence", 2, 3, "sequence(start, stop[, step])", CollectionFunctions::sequence)
        .group("array_funcs")
        .doc("Returns the values from `start` to `stop`, both included, `step` apart. For integers the step "
            + "defaults to 1, or -1 when `start` is above `stop`; for DATE and TIMESTAMP bounds the step is an "
            + "interval and defaults to one day (or minus one day). A step that leads away from `stop` is an error.")
        .example("SELECT sequence(1, 5)", "[1,2,3,4,5]")
        .example("SELECT sequence(5, 1)", "[5,4,3,2,1]")
        .example("SELECT sequence(to_date('2018-01-01'), to_date('2018-03-01'), interval 1 month)",
            "[2018-01-01,2018-02-01,2018-03-01]")
        .example("SELECT sequence(to_date('2018-01-01'), to_date('2018-03-01'), interval '0-1' year to month)",
            "[2018-01-01,2018-02-01,2018-03-01]");

    r.register("map", 0, Integer.MAX_VALUE, "map(key1, value1, key2, value2, ...)", CollectionFunctions::map)
        .group("map_funcs")
        .doc("Returns a map built from alternating key and value arguments; the keys and the values are each "
            + "coerced to a common type. A NULL key or a key given twice is an error.")
        .example("SELECT map(1.0, '2', 3.0, '4')", "{1.0:\"2\",3.0:\"4\"}");
    r.register("map_keys", 1, 1, "map_keys(map)", (a, c) -> {
      Expression m = mapArg(a.get(0), c);
      return new ScalarFunction("map_keys", List.of(m), new ArrayType(((MapType) m.dataType()).keyType(), true),
          new Kernel.ObjUnary<Map<?, ?>>(x -> new ArrayList<>(x.keySet())));
    })
        .group("map_funcs")
        .doc("Returns the keys of `map` as an array. Their order is the map's internal order, which callers should "
            + "not rely on.")
        .example("SELECT map_keys(map(1, 'a', 2, 'b'))", "[1,2]");
    r.register("map_values", 1, 1, "map_values(map)", (a, c) -> {
      Expression m = mapArg(a.get(0), c);
      return new ScalarFunction("map_values", List.of(m), new ArrayType(((MapType) m.dataType()).valueType(), true),
          new Kernel.ObjUnary<Map<?, ?>>(x -> new ArrayList<>(x.values())));
    })
        .group("map_funcs")
        .doc("Returns the values of `map` as an array, in the same (unspecified) order as `map_keys`.")
        .example("SELECT map_values(map(1, 'a', 2, 'b'))", "[\"a\",\"b\"]");
    r.register("map_entries", 1, 1, "map_entries(map)", (a, c) -> {
      Expression m = mapArg(a.get(0), c);
      MapType mt = (MapType) m.dataType();
      StructType entry = new StructType(new StructField("key", mt.keyType(), false),
          new StructField("value", mt.valueType(), true));
      return new ScalarFunction("map_entries", List.of(m), new ArrayType(entry, true), v -> {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v[0]).entrySet()) {
          out.add(new Object[] {e.getKey(), e.getValue()});
        }
        return out;
      });
    })
        .group("map_funcs")
        .doc("Returns the entries of `map` as an array of structs with fields `key` and `value`, in the map's "
            + "(unspecified) order.")
        .example("SELECT map_entries(map(1, 'a', 2, 'b'))",
            "[{\"key\":1,\"value\":\"a\"},{\"key\":2,\"value\":\"b\"}]");
    r.register("map_from_arrays", 2, 2, "map_from_arrays(keys, values)", (a, c) -> {
      Expression k = FunctionArgs.array(a.get(0), c);
      Expression vals = FunctionArgs.array(a.get(1), c);
      MapType mt = new MapType(FunctionArgs.elementType(k), FunctionArgs.elementType(vals), true);
      checkMapKeyType(mt.keyType(), a.get(0), c);
      return new ScalarFunction("map_from_arrays", List.of(k, vals), mt, v -> {
        List<?> ks = (List<?>) v[0];
        List<?> vs = (List<?>) v[1];
        if (ks.size() != vs.size()) {
          throw FunctionArgs.runtime("map_from_arrays", "the key array has " + ks.size()
              + " elements but the value array has " + vs.size() + "; they must have the same length");
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < ks.size(); i++) {
          putKey(m, ks.get(i), vs.get(i), "map_from_arrays");
        }
        return m;
      });
    })
        .group("map_funcs")
        .doc("Returns a map pairing each element of `keys` with the element of `values` at the same position. The "
            + "arrays must have the same length, and a NULL or repeated key is an error.")
        .example("SELECT map_from_arrays(array(1.0, 3.0), array('2', '4'))", "{1.0:\"2\",3.0:\"4\"}");
    r.register("map_contains_key", 2, 2, "map_contains_key(map, key)", (a, c) -> {
      Expression m = mapArg(a.get(0), c);
      if (((MapType) m.dataType()).keyType() == DataTypes.NullType) {
        return new Literal(null, DataTypes.BooleanType);
      }
      Expression key = FunctionArgs.castTo(a.get(1), ((MapType) m.dataType()).keyType(), c);
      return new ScalarFunction("map_contains_key", List.of(m, key), DataTypes.BooleanType,
          v -> ((Map<?, ?>) v[0]).containsKey(v[1]));
    })
        .group("map_funcs")
        .doc("Returns true if `map` has an entry with the key `key`, and false otherwise.")
        .example("SELECT map_contains_key(map(1, 'a', 2, 'b'), 1)", "true")
        .example("SELECT map_contains_key(map(1, 'a', 2, 'b'), 3)", "false");
    r.register("str_to_map", 1, 3, "str_to_map(text[, pairDelim[, keyValueDelim]])", CollectionFunctions::strToMap)
        .group("map_funcs")
        .doc("Splits `text` into pairs at `pairDelim` (default `,`), then each pair into key and value at the first "
            + "`keyValueDelim` (default `:`); both delimiters are regular expressions. A pair without the key-value "
            + "delimiter gets a NULL value, and a repeated key is an error.")
        .example("SELECT str_to_map('a:1,b:2,c:3', ',', ':')", "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}")
        .example("SELECT str_to_map('a')", "{\"a\":null}");
  }

  // ------------------------------------------------------------------ argument helpers

  private static Expression orderableArray(Expression e, FunctionRegistry.FunctionContext c) {
    Expression arr = FunctionArgs.array(e, c);
    if (!ValueOrdering.isOrderable(FunctionArgs.elementType(arr))) {
      throw FunctionArgs.mismatch(c, e, "an ARRAY of orderable values (not maps)");
    }
    return arr;
  }

  private static Expression hashableArray(Expression e, FunctionRegistry.FunctionContext c) {
    Expression arr = FunctionArgs.array(e, c);
    if (!FunctionArgs.isHashable(FunctionArgs.elementType(arr))) {
      throw FunctionArgs.mismatch(c, e, "an ARRAY of values that can be compared (not maps)");
    }
    return arr;
  }

  /** An array and a value cast to their common element type. */
  private static Expression[] arrayAndValue(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression arr = orderableArray(a.get(0), c);
    DataType et = FunctionArgs.elementType(arr);
    Expression val = a.get(1);
    DataType w = FunctionArgs.wider(c, a.get(0), et, val, val.dataType());
    return new Expression[] {FunctionArgs.castTo(arr, new ArrayType(w, true), c), FunctionArgs.castTo(val, w, c)};
  }

  /** Two arrays cast to a common element type. */
  private static Expression[] twoArrays(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression x = hashableArray(a.get(0), c);
    Expression y = hashableArray(a.get(1), c);
    DataType w = FunctionArgs.wider(c, a.get(0), FunctionArgs.elementType(x), a.get(1), FunctionArgs.elementType(y));
    ArrayType t = new ArrayType(w, true);
    return new Expression[] {FunctionArgs.castTo(x, t, c), FunctionArgs.castTo(y, t, c)};
  }

  private static Expression mapArg(Expression e, FunctionRegistry.FunctionContext c) {
    if (e.dataType() instanceof MapType) {
      return e;
    }
    if (e.dataType() == DataTypes.NullType) {
      return new Literal(null, new MapType(DataTypes.NullType, DataTypes.NullType, true));
    }
    throw FunctionArgs.mismatch(c, e, "a MAP");
  }

  private static void checkMapKeyType(DataType kt, Expression e, FunctionRegistry.FunctionContext c) {
    if (kt instanceof MapType) {
      throw FunctionArgs.mismatch(c, e, "of a type that can be a map key (not a MAP)");
    }
  }

  private static void putKey(Map<Object, Object> m, Object k, Object v, String fn) {
    if (k == null) {
      throw FunctionArgs.runtime(fn, "a map key cannot be NULL");
    }
    if (m.containsKey(k)) {
      throw FunctionArgs.runtime(fn, "duplicate map key " + k + "; each key may appear only once");
    }
    m.put(k, v);
  }

  // ------------------------------------------------------------------ implementations

  private static Expression size(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression x = a.get(0);
    if (x.dataType() == DataTypes.NullType) {
      x = FunctionArgs.array(x, c);
    }
    if (!(x.dataType() instanceof ArrayType) && !(x.dataType() instanceof MapType)) {
      throw FunctionArgs.mismatch(c, x, "an ARRAY or a MAP");
    }
    // Spark returns -1 for NULL unless ANSI mode is on (spark.sql.legacy.sizeOfNull).
    Integer ofNull = c.ansi() ? null : -1;
    return new ScalarFunction(FunctionArgs.name(c), List.of(x), DataTypes.IntegerType, false, true,
        v -> v[0] == null ? ofNull : v[0] instanceof List<?> l ? (Object) l.size() : (Object) ((Map<?, ?>) v[0]).size());
  }

  private static Expression elementAt(List<Expression> a, FunctionRegistry.FunctionContext c, String name,
      boolean failOnError) {
    Expression x = a.get(0);
    if (x.dataType() instanceof MapType mt) {
      Expression key = FunctionArgs.castTo(a.get(1), mt.keyType(), c);
      return new ScalarFunction(name, List.of(x, key), mt.valueType(), v -> ((Map<?, ?>) v[0]).get(v[1]));
    }
    Expression arr = FunctionArgs.array(x, c);
    return new ScalarFunction(name, List.of(arr, StringFunctions.integer(a.get(1), c)),
        FunctionArgs.elementType(arr), v -> {
          List<?> l = (List<?>) v[0];
          int i = (Integer) v[1];
          if (i == 0) {
            throw FunctionArgs.runtime(name, "the index 0 is invalid: elements are numbered from 1 (and from -1 at"
                + " the end)");
          }
          if (Math.abs((long) i) > l.size()) {
            if (failOnError) {
              throw FunctionArgs.runtime(name, "the index " + i + " is out of bounds: the array has " + l.size()
                  + " elements. Use try_element_at to get NULL instead.");
            }
            return null;
          }
          return l.get(i > 0 ? i - 1 : l.size() + i);
        });
  }

  private static Expression subscript(List<Expression> a, FunctionRegistry.FunctionContext c) {
    if (!(a.get(0).dataType() instanceof dev.sluice.types.ArrayType) || !c.ansi()) {
      Expression g = get(a, c);
      return g instanceof ScalarFunction sf ? sf.renamed("[]") : g;
    }
    Expression arr = FunctionArgs.array(a.get(0), c);
    return new ScalarFunction("[]", List.of(arr, StringFunctions.integer(a.get(1), c)),
        FunctionArgs.elementType(arr), v -> {
          List<?> l = (List<?>) v[0];
          int i = (Integer) v[1];
          if (i < 0 || i >= l.size()) {
            throw new dev.sluice.errors.ExecutionException(ErrorClass.INVALID_ARRAY_INDEX, i, l.size());
          }
          return l.get(i);
        });
  }

  private static Expression get(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression x = a.get(0);
    if (x.dataType() instanceof MapType) {
      return elementAt(a, c, "get", false);
    }
    if (x.dataType() instanceof StructType st) {
      String field = FunctionArgs.constantString(a.get(1), c, "field name");
      int i = field == null ? -1 : st.indexOf(field);
      if (i < 0) {
        throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + x.sql() + "." + field + "`",
            String.join(", ", st.fieldNames()));
      }
      return new GetStructField(x, i, st.field(i).name());
    }
    Expression arr = FunctionArgs.array(x, c);
    return new ScalarFunction("get", List.of(arr, StringFunctions.integer(a.get(1), c)),
        FunctionArgs.elementType(arr), v -> {
          List<?> l = (List<?>) v[0];
          int i = (Integer) v[1];
          return i < 0 || i >= l.size() ? null : l.get(i);
        });
  }

  private static List<Object> sorted(List<?> l, Comparator<Object> cmp) {
    List<Object> out = new ArrayList<>(l);
    out.sort(cmp);
    return out;
  }

  /** Distinct elements of {@code a} then {@code b} (when given), in order of first occurrence. */
  private static List<Object> distinct(List<?> a, List<?> b) {
    Map<Object, Object> seen = new LinkedHashMap<>();
    for (Object o : a) {
      seen.putIfAbsent(FunctionArgs.key(o), o);
    }
    if (b != null) {
      for (Object o : b) {
        seen.putIfAbsent(FunctionArgs.key(o), o);
      }
    }
    return new ArrayList<>(seen.values());
  }

  private static List<Object> intersectOrExcept(List<?> a, List<?> b, boolean intersect) {
    Set<Object> inB = new HashSet<>();
    for (Object o : b) {
      inB.add(FunctionArgs.key(o));
    }
    Set<Object> seen = new HashSet<>();
    List<Object> out = new ArrayList<>();
    for (Object o : a) {
      Object k = FunctionArgs.key(o);
      if (inB.contains(k) == intersect && seen.add(k)) {
        out.add(o);
      }
    }
    return out;
  }

  private static Boolean overlap(List<?> a, List<?> b) {
    Set<Object> inB = new HashSet<>();
    boolean hasNull = false;
    for (Object o : b) {
      if (o == null) {
        hasNull = true;
      } else {
        inB.add(FunctionArgs.key(o));
      }
    }
    for (Object o : a) {
      if (o == null) {
        hasNull = true;
      } else if (inB.contains(FunctionArgs.key(o))) {
        return true;
      }
    }
    return hasNull && !a.isEmpty() && !b.isEmpty() ? null : false;
  }

  private static Expression extreme(Expression e, FunctionRegistry.FunctionContext c, String name, boolean max) {
    Expression arr = orderableArray(e, c);
    DataType et = FunctionArgs.elementType(arr);
    return new ScalarFunction(name, List.of(arr), et, v -> {
      Object best = null;
      for (Object o : (List<?>) v[0]) {
        if (o != null && (best == null || (ValueOrdering.compareValues(o, best, et) > 0) == max
            && ValueOrdering.compareValues(o, best, et) != 0)) {
          best = o;
        }
      }
      return best;
    });
  }

  /** Spark's slice: start is 1-based (negative from the end, 0 is an error), length must not be negative. */
  static List<Object> slice(List<?> l, int start, int length) {
    if (start == 0) {
      throw FunctionArgs.runtime("slice", "the start 0 is invalid: elements are numbered from 1 (and from -1 at the"
          + " end)");
    }
    if (length < 0) {
      throw FunctionArgs.runtime("slice", "the length must be 0 or more, but it is " + length);
    }
    long from = start < 0 ? (long) l.size() + start : start - 1L;
    if (from < 0 || from >= l.size()) {
      return new ArrayList<>();
    }
    long to = Math.min(l.size(), from + length);
    return new ArrayList<>(l.subList((int) from, (int) to));
  }

  private static Expression appendOrPrepend(List<Expression> a, FunctionRegistry.FunctionContext c, boolean append) {
    Expression[] av = arrayAndValue(a, c);
    String name = append ? "array_append" : "array_prepend";
    return new ScalarFunction(name, List.of(av[0], av[1]), av[0].dataType(), false, true, v -> {
      if (v[0] == null) {
        return null;
      }
      List<Object> out = new ArrayList<>((List<?>) v[0]);
      if (append) {
        out.add(v[1]);
      } else {
        out.add(0, v[1]);
      }
      return out;
    });
  }

  /** {@code concat} of arrays: NULL when any array is NULL. */
  static Expression concatArrays(List<Expression> a, FunctionRegistry.FunctionContext c) {
    DataType et = DataTypes.NullType;
    for (Expression e : a) {
      Expression arr = FunctionArgs.array(e, c);
      et = FunctionArgs.wider(c, a.get(0), et, e, FunctionArgs.elementType(arr));
    }
    ArrayType t = new ArrayType(et, true);
    List<Expression> args = new ArrayList<>();
    for (Expression e : a) {
      args.add(FunctionArgs.castTo(FunctionArgs.array(e, c), t, c));
    }
    return new ScalarFunction("concat", args, t, v -> {
      long total = 0;
      for (Object o : v) {
        total += ((List<?>) o).size();
      }
      SizeLimits.checkArrayResult("concat", total);
      List<Object> out = new ArrayList<>();
      for (Object o : v) {
        out.addAll((List<?>) o);
      }
      return out;
    });
  }

  // ------------------------------------------------------------------ sequence

  private static Expression sequence(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression start = a.get(0);
    Expression stop = a.get(1);
    DataType st = FunctionArgs.wider(c, start, start.dataType(), stop, stop.dataType());
    if (st == DataTypes.DateType || st == DataTypes.TimestampType) {
      return temporalSequence(a, c, st);
    }
    if (st == DataTypes.NullType || st == DataTypes.StringType) {
      st = DataTypes.LongType;
    }
    if (!st.isIntegral()) {
      throw FunctionArgs.mismatch(c, start, "an INT, BIGINT, DATE or TIMESTAMP");
    }
    DataType t = st;
    List<Expression> args = new ArrayList<>(List.of(FunctionArgs.castTo(start, t, c), FunctionArgs.castTo(stop, t, c)));
    if (a.size() == 3) {
      args.add(FunctionArgs.castTo(a.get(2), t, c));
    }
    boolean isInt = t == DataTypes.IntegerType;
    return new ScalarFunction("sequence", args, new ArrayType(t, true), v -> {
      long from = ((Number) v[0]).longValue();
      long to = ((Number) v[1]).longValue();
      long step = v.length == 3 ? ((Number) v[2]).longValue() : (from <= to ? 1 : -1);
      long n = sequenceLength(from, to, step, String.valueOf(step));
      List<Object> out = new ArrayList<>((int) n);
      for (long i = 0, x = from; i < n; i++, x += step) {
        out.add(isInt ? (Object) (int) x : (Object) x);
      }
      return out;
    });
  }

  private static long sequenceLength(long from, long to, long step, String stepText) {
    if (step == 0 && from != to || step > 0 && from > to || step < 0 && from < to) {
      throw FunctionArgs.runtime("sequence", "illegal sequence boundaries: " + from + " to " + to + " by "
          + stepText + "; the step must move from start towards stop");
    }
    if (from == to) {
      return 1;
    }
    java.math.BigInteger len = java.math.BigInteger.valueOf(to).subtract(java.math.BigInteger.valueOf(from))
        .divide(java.math.BigInteger.valueOf(step)).add(java.math.BigInteger.ONE);
    SizeLimits.checkArrayParameter("sequence", "count", len);
    return len.longValue();
  }

  private static Expression temporalSequence(List<Expression> a, FunctionRegistry.FunctionContext c, DataType t) {
    boolean dates = t == DataTypes.DateType;
    List<Expression> args = new ArrayList<>(List.of(FunctionArgs.castTo(a.get(0), t, c),
        FunctionArgs.castTo(a.get(1), t, c)));
    DataType stepType = a.size() == 3 ? a.get(2).dataType() : DataTypes.DayTimeIntervalType;
    if (stepType != DataTypes.DayTimeIntervalType && stepType != DataTypes.YearMonthIntervalType) {
      throw FunctionArgs.mismatch(c, a.get(2), "an INTERVAL");
    }
    if (a.size() == 3) {
      args.add(a.get(2));
    }
    boolean months = stepType == DataTypes.YearMonthIntervalType;
    return new ScalarFunction("sequence", args, new ArrayType(t, true), v -> {
      long from = ((Number) v[0]).longValue();
      long to = ((Number) v[1]).longValue();
      if (months) {
        int step = (Integer) v[2];
        return monthSequence(from, to, step, dates);
      }
      long unit = dates ? DateTimeUtil.MICROS_PER_DAY : 1;
      long stepMicros = v.length == 3 ? (Long) v[2] : (from <= to ? 1 : -1) * DateTimeUtil.MICROS_PER_DAY;
      if (dates && stepMicros % DateTimeUtil.MICROS_PER_DAY != 0) {
        throw FunctionArgs.runtime("sequence", "the step of a sequence of dates must be a whole number of days");
      }
      long step = stepMicros / unit;
      long n = sequenceLength(from, to, step, stepMicros / DateTimeUtil.MICROS_PER_SECOND + " seconds");
      List<Object> out = new ArrayList<>((int) n);
      for (long i = 0, x = from; i < n; i++, x += step) {
        out.add(dates ? (Object) (int) x : (Object) x);
      }
      return out;
    });
  }

  private static List<Object> monthSequence(long from, long to, int step, boolean dates) {
    if (step == 0 && from != to || step > 0 && from > to || step < 0 && from < to) {
      throw FunctionArgs.runtime("sequence", "illegal sequence boundaries: the step of " + step
          + " months must move from start towards stop");
    }
    List<Object> out = new ArrayList<>();
    if (from == to) {
      out.add(dates ? (Object) (int) from : (Object) from);
      return out;
    }
    LocalDateTime base = dates ? java.time.LocalDate.ofEpochDay(from).atStartOfDay() : DateTimeUtil.toLocalDateTime(from);
    for (long i = 0; ; i++) {
      LocalDateTime d = base.plusMonths(i * step);
      long x = dates ? d.toLocalDate().toEpochDay() : DateTimeUtil.fromLocalDateTime(d);
      if (step > 0 ? x > to : x < to) {
        return out;
      }
      if (out.size() >= SizeLimits.maxArrayLength()) {
        SizeLimits.checkArrayParameter("sequence", "count", (long) out.size() + 1);
      }
      out.add(dates ? (Object) (int) x : (Object) x);
    }
  }

  // ------------------------------------------------------------------ maps

  private static Expression map(List<Expression> a, FunctionRegistry.FunctionContext c) {
    if (a.size() % 2 != 0) {
      throw new AnalysisException(ErrorClass.WRONG_NUM_ARGS, "`map`", "an even number of", a.size());
    }
    List<Expression> keys = new ArrayList<>();
    List<Expression> values = new ArrayList<>();
    for (int i = 0; i < a.size(); i += 2) {
      keys.add(a.get(i));
      values.add(a.get(i + 1));
    }
    keys = TypeCoercion.coerceAll("map keys", keys, c.ansi(), false);
    values = TypeCoercion.coerceAll("map values", values, c.ansi(), false);
    DataType kt = keys.isEmpty() ? DataTypes.NullType : keys.get(0).dataType();
    DataType vt = values.isEmpty() ? DataTypes.NullType : values.get(0).dataType();
    if (!keys.isEmpty()) {
      checkMapKeyType(kt, keys.get(0), c);
    }
    List<Expression> args = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      args.add(keys.get(i));
      args.add(values.get(i));
    }
    return new ScalarFunction("map", args, new MapType(kt, vt, true), false, true, v -> {
      Map<Object, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < v.length; i += 2) {
        putKey(m, v[i], v[i + 1], "map");
      }
      return m;
    });
  }

  private static Expression strToMap(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression text = StringFunctions.str(a.get(0), c);
    Expression pairDelim = a.size() > 1 ? StringFunctions.str(a.get(1), c) : Literal.of(",");
    Expression kvDelim = a.size() > 2 ? StringFunctions.str(a.get(2), c) : Literal.of(":");
    RegexpFunctions.RegexArg pairs = regexArg(c, pairDelim, "str_to_map");
    RegexpFunctions.RegexArg kv = regexArg(c, kvDelim, "str_to_map");
    return new ScalarFunction("str_to_map", List.of(text, pairDelim, kvDelim),
        new MapType(DataTypes.StringType, DataTypes.StringType, true), v -> {
          Map<Object, Object> m = new LinkedHashMap<>();
          Pattern kvp = kv.get(v[2]);
          for (Object pair : RegexpFunctions.split((String) v[0], pairs.get(v[1]), (String) v[1], -1)) {
            List<Object> parts = RegexpFunctions.split((String) pair, kvp, (String) v[2], 2);
            putKey(m, parts.get(0), parts.size() > 1 ? parts.get(1) : null, "str_to_map");
          }
          return m;
        });
  }

  private static RegexpFunctions.RegexArg regexArg(FunctionRegistry.FunctionContext c, Expression e, String fn) {
    Pattern constant = null;
    if (e.foldable()) {
      Object v = c.constant(e);
      if (v != null) {
        constant = RegexpFunctions.compileRegex((String) v, fn);
      }
    }
    return new RegexpFunctions.RegexArg(fn, constant);
  }
}
