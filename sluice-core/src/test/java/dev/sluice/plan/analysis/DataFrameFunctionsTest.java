package dev.sluice.plan.analysis;

import static dev.sluice.api.functions.array_contains;
import static dev.sluice.api.functions.bitwise_not;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.date_part;
import static dev.sluice.api.functions.element_at;
import static dev.sluice.api.functions.format_string;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.map;
import static dev.sluice.api.functions.regexp_extract;
import static dev.sluice.api.functions.regexp_replace;
import static dev.sluice.api.functions.split;
import static dev.sluice.api.functions.startswith;
import static dev.sluice.api.functions.typeof;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.types.Row;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DataFrame-API wrappers reach the same implementations as SQL. */
class DataFrameFunctionsTest extends FunctionTestSupport {

  @Test
  void wrappersCallTheRegisteredFunctions() {
    DataFrame df = session.createDataFrame(List.of(Row.of(1, "a-1,b-2", LocalDate.of(2024, 3, 5)),
        Row.of(2, null, null)), "id INT, s STRING, d DATE");
    List<Row> rows = df.select(
        startswith(col("s"), lit("a")),
        element_at(split(col("s"), ","), 2),
        regexp_extract(col("s"), "([a-z])-([0-9])", 2),
        regexp_replace(col("s"), "[0-9]", "#"),
        array_contains(split(col("s"), ","), "b-2"),
        format_string("%s/%d", col("s"), col("id")),
        date_part(lit("month"), col("d")),
        bitwise_not(col("id")),
        typeof(map(lit("k"), col("id"))),
        element_at(map(lit("k"), col("id")), "k")).orderBy("id").collectAsList();
    assertThat(rows).containsExactly(
        Row.of(true, "b-2", "1", "a-#,b-#", true, "a-1,b-2/1", 3, -2, "map<string,int>", 1),
        Row.of(null, null, null, null, null, "null/2", null, -3, "map<string,int>", 2));
    assertThat(df.orderBy("id").select(split(col("s"), ",")).first().<List<String>>getAs(0)).containsExactly("a-1", "b-2");
    assertThat(df.orderBy("id").select(map(lit("k"), col("id"))).first().<Map<String, Integer>>getAs(0)).containsEntry("k", 1);
  }
}
