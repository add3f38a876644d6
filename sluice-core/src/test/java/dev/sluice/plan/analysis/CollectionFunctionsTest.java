package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Session;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Array and map functions: 1-based element_at, 0-based subscripts, NULL elements, set semantics. */
class CollectionFunctionsTest extends FunctionTestSupport {

  @BeforeAll
  static void table() {
    session.createDataFrame(List.of(Row.of(1, List.of(3, 1, 2), "a,b"), Row.of(2, list(5, null), ""),
        Row.of(3, null, null)), "id INT, xs ARRAY<INT>, csv STRING").createOrReplaceTempView("arrs");
  }

  private static Map<Object, Object> map(Object... kv) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void arrayConstructorFindsACommonType() {
    assertThat(eval("array(1, 2, 3)")).isEqualTo(list(1, 2, 3));
    assertThat(eval("array(1, NULL)")).isEqualTo(list(1, null));
    assertThat(eval("array(1, CAST(2 AS BIGINT))")).isEqualTo(list(1L, 2L));
    assertThat(eval("array()")).isEqualTo(list());
    assertThat(eval("array(array(1), array(CAST(2 AS BIGINT)))")).isEqualTo(list(list(1L), list(2L)));
    failsWith("array(1, 'a')", AnalysisException.class).hasMessageContaining("array");
  }

  @Test
  void sizeIsNullForNullInAnsiMode() {
    assertThat(eval("size(array(1, 2))")).isEqualTo(2);
    assertThat(eval("cardinality(map('a', 1))")).isEqualTo(1);
    assertThat(eval("size(array())")).isEqualTo(0);
    assertThat(column("SELECT size(xs) FROM arrs ORDER BY id")).containsExactly(3, 2, null);
    try (Session legacy = Session.builder().config("sluice.sql.ansi.enabled", "false").create()) {
      assertThat(legacy.sql("SELECT size(NULL)").collectAsList().get(0).get(0)).isEqualTo(-1);
    }
  }

  @Test
  void arrayContainsAndPosition() {
    assertThat(eval("array_contains(array(1, 2, 3), 2)")).isEqualTo(true);
    assertThat(eval("array_contains(array(1, 2, 3), CAST(2 AS BIGINT))")).isEqualTo(true);
    assertThat(eval("array_contains(array(1, 2), 5)")).isEqualTo(false);
    assertThat(eval("array_contains(array(1, NULL), 5)")).isNull();
    assertThat(eval("array_contains(array(1, NULL), 1)")).isEqualTo(true);
    assertThat(eval("array_contains(array(1, 2), NULL)")).isNull();
    assertThat(column("SELECT array_contains(xs, 5) FROM arrs ORDER BY id")).containsExactly(false, true, null);
    assertThat(eval("array_position(array(312, 773, 708, 708), 708)")).isEqualTo(3L);
    assertThat(eval("array_position(array(1), 5)")).isEqualTo(0L);
  }

  @Test
  void elementAtIsOneBasedAndStrictInAnsiMode() {
    assertThat(eval("element_at(array(1, 2, 3), 2)")).isEqualTo(2);
    assertThat(eval("element_at(array(1, 2, 3), -1)")).isEqualTo(3);
    assertThat(eval("element_at(array(1, NULL), 2)")).isNull();
    failsWith("element_at(array(1, 2, 3), 5)", ExecutionException.class).hasMessageContaining("index 5 is out of bounds")
        .hasMessageContaining("try_element_at");
    failsWith("element_at(array(1, 2, 3), 0)", ExecutionException.class).hasMessageContaining("index 0");
    assertThat(eval("try_element_at(array(1, 2, 3), 5)")).isNull();
    assertThat(eval("try_element_at(array(1, 2, 3), -4)")).isNull();
    assertThat(eval("element_at(map('a', 1, 'b', 2), 'b')")).isEqualTo(2);
    assertThat(eval("element_at(map('a', 1), 'z')")).isNull();
    assertThat(column("SELECT element_at(split(csv, ','), 1) FROM arrs ORDER BY id")).containsExactly("a", "", null);
  }

  @Test
  void subscriptsAreZeroBased() {
    assertThat(eval("array(1, 2, 3)[0]")).isEqualTo(1);
    assertThat(eval("get(array(1, 2, 3), 2)")).isEqualTo(3);
    assertThat(eval("get(array(1, 2, 3), 3)")).isNull();
    assertThat(eval("get(array(1, 2, 3), -1)")).isNull();
    assertThat(eval("map('a', 1)['a']")).isEqualTo(1);
    // A missing map key is NULL even under ANSI (as in Spark since 3.4).
    assertThat(eval("map('a', 1)['b']")).isNull();
    assertThat(eval("named_struct('x', 1, 'y', 'b')['y']")).isEqualTo("b");
    assertThat(column("SELECT get(xs, 1) FROM arrs ORDER BY id")).containsExactly(1, null, null);
    assertThat(session.sql("SELECT array(1, 2, 3)[2]").schema().fieldNames()).containsExactly("array(1, 2, 3)[2]");
  }

  @Test
  void anArrayIndexOutOfBoundsIsAnErrorUnderAnsiAndNullWithout() {
    failsWith("array(1, 2, 3)[3]", dev.sluice.errors.ExecutionException.class)
        .hasMessageContaining("INVALID_ARRAY_INDEX").hasMessageContaining("The index 3 is out of bounds. The array has 3");
    failsWith("array(1, 2, 3)[-1]", dev.sluice.errors.ExecutionException.class).hasMessageContaining("get()");
    try (dev.sluice.api.Session legacy = dev.sluice.api.Session.builder().config("sluice.sql.ansi.enabled", "false")
        .getOrCreate()) {
      assertThat(legacy.sql("SELECT array(1, 2, 3)[3] AS x").collectAsList().get(0).get(0)).isNull();
    }
  }

  @Test
  void sorting() {
    assertThat(eval("sort_array(array('b', 'd', NULL, 'c', 'a'))")).isEqualTo(list(null, "a", "b", "c", "d"));
    assertThat(eval("sort_array(array('b', 'd', NULL, 'c', 'a'), false)")).isEqualTo(list("d", "c", "b", "a", null));
    assertThat(eval("array_sort(array('b', 'd', NULL, 'c', 'a'))")).isEqualTo(list("a", "b", "c", "d", null));
    assertThat(eval("sort_array(array(2.0D, CAST('NaN' AS DOUBLE), -1.0D))"))
        .isEqualTo(list(-1.0, 2.0, Double.NaN));
    assertThat(column("SELECT sort_array(xs) FROM arrs ORDER BY id")).containsExactly(list(1, 2, 3), list(null, 5),
        null);
    failsWith("sort_array(array(1), id) FROM arrs", AnalysisException.class).hasMessageContaining("constant");
  }

  @Test
  void setOperations() {
    assertThat(eval("array_distinct(array(1, 2, 3, NULL, 3, NULL))")).isEqualTo(list(1, 2, 3, null));
    assertThat(eval("array_union(array(1, 2, 3), array(1, 3, 5))")).isEqualTo(list(1, 2, 3, 5));
    assertThat(eval("array_intersect(array(1, 2, 3, 3), array(1, 3, 5))")).isEqualTo(list(1, 3));
    assertThat(eval("array_except(array(1, 2, 3, 2), array(1, 3, 5))")).isEqualTo(list(2));
    assertThat(eval("arrays_overlap(array(1, 2, 3), array(3, 4, 5))")).isEqualTo(true);
    assertThat(eval("arrays_overlap(array(1, NULL), array(3))")).isNull();
    assertThat(eval("arrays_overlap(array(1), array(3))")).isEqualTo(false);
    assertThat(eval("arrays_overlap(array(), array(NULL))")).isEqualTo(false);
    assertThat(eval("array_distinct(array(array(1), array(1), array(2)))")).isEqualTo(list(list(1), list(2)));
  }

  @Test
  void joinMinMaxRemoveSlice() {
    assertThat(eval("array_join(array('hello', 'world'), ' ')")).isEqualTo("hello world");
    assertThat(eval("array_join(array('hello', NULL, 'world'), ' ')")).isEqualTo("hello world");
    assertThat(eval("array_join(array('hello', NULL, 'world'), ' ', ',')")).isEqualTo("hello , world");
    assertThat(eval("array_join(array(1, 2), '-')")).isEqualTo("1-2");
    assertThat(eval("array_join(array('a'), NULL)")).isNull();
    assertThat(eval("array_min(array(1, 20, NULL, 3))")).isEqualTo(1);
    assertThat(eval("array_max(array(1, 20, NULL, 3))")).isEqualTo(20);
    assertThat(eval("array_max(array(NULL))")).isNull();
    assertThat(eval("array_remove(array(1, 2, 3, NULL, 3), 3)")).isEqualTo(list(1, 2, null));
    assertThat(eval("slice(array(1, 2, 3, 4), 2, 2)")).isEqualTo(list(2, 3));
    assertThat(eval("slice(array(1, 2, 3, 4), -2, 2)")).isEqualTo(list(3, 4));
    assertThat(eval("slice(array(1, 2, 3, 4), -2, 10)")).isEqualTo(list(3, 4));
    assertThat(eval("slice(array(1, 2), 5, 1)")).isEqualTo(list());
    failsWith("slice(array(1), 0, 1)", ExecutionException.class).hasMessageContaining("start 0");
    failsWith("slice(array(1), 1, -1)", ExecutionException.class).hasMessageContaining("length");
  }

  @Test
  void buildingArrays() {
    assertThat(eval("flatten(array(array(1, 2), array(3, 4)))")).isEqualTo(list(1, 2, 3, 4));
    assertThat(eval("flatten(array(array(1), NULL))")).isNull();
    assertThat(eval("array_repeat('123', 2)")).isEqualTo(list("123", "123"));
    assertThat(eval("array_repeat('a', -1)")).isEqualTo(list());
    assertThat(eval("array_repeat(NULL, 2)")).isEqualTo(list(null, null));
    assertThat(eval("array_append(array('b', 'd'), 'd')")).isEqualTo(list("b", "d", "d"));
    assertThat(eval("array_append(array(1), NULL)")).isEqualTo(list(1, null));
    assertThat(eval("array_prepend(array(1, 2), 0)")).isEqualTo(list(0, 1, 2));
    assertThat(eval("array_compact(array(1, NULL, 3, NULL))")).isEqualTo(list(1, 3));
    assertThat(eval("sequence(1, 5)")).isEqualTo(list(1, 2, 3, 4, 5));
    assertThat(eval("sequence(5, 1)")).isEqualTo(list(5, 4, 3, 2, 1));
    assertThat(eval("sequence(1, 10, 3)")).isEqualTo(list(1, 4, 7, 10));
    assertThat(eval("sequence(3, 3, 0)")).isEqualTo(list(3));
    failsWith("sequence(1, 5, -1)", ExecutionException.class).hasMessageContaining("illegal sequence boundaries");
    assertThat(eval("sequence(DATE '2024-01-30', DATE '2024-02-01')")).isEqualTo(
        list(LocalDate.of(2024, 1, 30), LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 1)));
  }

  @Test
  void maps() {
    assertThat(eval("map(1.0, '2', 3.0, '4')")).isEqualTo(map(new BigDecimal("1.0"), "2", new BigDecimal("3.0"), "4"));
    assertThat(eval("map('a', 1, 'b', NULL)")).isEqualTo(map("a", 1, "b", null));
    failsWith("map('a', 1, 'a', 2)", ExecutionException.class).hasMessageContaining("duplicate map key a");
    failsWith("map(NULL, 1)", ExecutionException.class).hasMessageContaining("cannot be NULL");
    failsWith("map('a')", AnalysisException.class);
    assertThat(eval("map_keys(map(1, 'a', 2, 'b'))")).isEqualTo(list(1, 2));
    assertThat(eval("map_values(map(1, 'a', 2, 'b'))")).isEqualTo(list("a", "b"));
    assertThat(eval("map_entries(map(1, 'a'))")).isEqualTo(list(Row.of(1, "a")));
    assertThat(eval("map_from_arrays(array(1, 3), array('2', '4'))")).isEqualTo(map(1, "2", 3, "4"));
    failsWith("map_from_arrays(array(1), array('2', '4'))", ExecutionException.class).hasMessageContaining("length");
    assertThat(eval("map_contains_key(map(1, 'a', 2, 'b'), 1)")).isEqualTo(true);
    assertThat(eval("map_contains_key(map(1, 'a', 2, 'b'), 3)")).isEqualTo(false);
    assertThat(eval("str_to_map('a:1,b:2,c:3')")).isEqualTo(map("a", "1", "b", "2", "c", "3"));
    assertThat(eval("str_to_map('a=1;b', ';', '=')")).isEqualTo(map("a", "1", "b", null));
    assertThat(eval("size(map())")).isEqualTo(0);
  }
}
