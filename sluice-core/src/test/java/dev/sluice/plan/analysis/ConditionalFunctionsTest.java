package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NULL helpers and functions about values: zeroifnull, nullifzero, nvl family, typeof, uuid, hash. */
class ConditionalFunctionsTest extends FunctionTestSupport {

  @Test
  void nullHelpers() {
    assertThat(eval("zeroifnull(NULL)")).isEqualTo(0);
    assertThat(eval("zeroifnull(5)")).isEqualTo(5);
    assertThat(eval("zeroifnull(CAST(NULL AS BIGINT))")).isEqualTo(0L);
    assertThat(eval("zeroifnull(1.5)")).isEqualTo(new java.math.BigDecimal("1.5"));
    assertThat(eval("nullifzero(0)")).isNull();
    assertThat(eval("nullifzero(2)")).isEqualTo(2);
    assertThat(eval("nullifzero(NULL)")).isNull();
    assertThat(eval("nvl(NULL, 'x')")).isEqualTo("x");
    assertThat(eval("ifnull('a', 'x')")).isEqualTo("a");
    assertThat(eval("nvl2(NULL, 1, 2)")).isEqualTo(2);
    assertThat(eval("nullif(1, 1)")).isNull();
  }

  @Test
  void typeofNamesTheTypeEvenForNull() {
    assertThat(eval("typeof(1)")).isEqualTo("int");
    assertThat(eval("typeof(CAST(1 AS BIGINT))")).isEqualTo("bigint");
    assertThat(eval("typeof(1.5)")).isEqualTo("decimal(2,1)");
    assertThat(eval("typeof(NULL)")).isEqualTo("void");
    assertThat(eval("typeof(CAST(NULL AS STRING))")).isEqualTo("string");
    assertThat(eval("typeof(array(1))")).isEqualTo("array<int>");
    assertThat(eval("typeof(map('a', 1))")).isEqualTo("map<string,int>");
    assertThat(eval("typeof(named_struct('a', 1, 'b', 'x'))")).isEqualTo("struct<a:int,b:string>");
    assertThat(eval("typeof(DATE '2024-01-01')")).isEqualTo("date");
  }

  @Test
  void hashIsSparksMurmur3() {
    // Values Spark returns (its documentation's example, and hash of an int column).
    assertThat(eval("hash('Spark', array(123), 2)")).isEqualTo(-1321691492);
    assertThat(eval("hash(0)")).isEqualTo(933211791);
    assertThat(eval("hash(4)")).isEqualTo(-397064898);
    assertThat(eval("hash(CAST(NULL AS INT))")).isEqualTo(42);
  }

  @Test
  void uuidIsRandomPerRow() {
    List<Object> ids = column("SELECT uuid() FROM VALUES (1), (2), (3) AS t(x)");
    assertThat(ids).hasSize(3).doesNotHaveDuplicates();
    assertThat(ids).allSatisfy(id -> assertThat((String) id)
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  }
}
