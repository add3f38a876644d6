package dev.sluice.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** from_json, to_json, from_csv, to_csv and get_json_object in SQL. */
class FileFunctionsTest {
  Session session;

  @BeforeEach
  void setUp() {
    session = Session.builder().getOrCreate();
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private Object one(String sql) {
    List<Row> rows = session.sql(sql).collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0).get(0);
  }

  private String str(String sql) {
    Object v = one(sql);
    return v == null ? null : v.toString();
  }

  @Test
  void fromJsonStructArrayMap() {
    assertThat(str("SELECT from_json('{\"a\":1,\"b\":\"x\"}', 'a INT, b STRING')")).isEqualTo("[1,x]");
    assertThat(str("SELECT from_json('{\"a\":1,\"b\":\"x\"}', 'a INT, b STRING').b")).isEqualTo("x");
    assertThat(str("SELECT from_json('[{\"a\":1},{\"a\":2}]', 'ARRAY<STRUCT<a: INT>>')")).isEqualTo("[[1], [2]]");
    assertThat(str("SELECT from_json('{\"k\":1}', 'MAP<STRING, INT>')")).isEqualTo("{k=1}");
    assertThat(one("SELECT from_json(CAST(NULL AS STRING), 'a INT')")).isNull();
  }

  @Test
  void fromJsonMalformedFollowsTheMode() {
    assertThat(str("SELECT from_json('{\"a\":\"x\",\"b\":\"y\"}', 'a INT, b STRING')")).isEqualTo("[null,y]");
    assertThat(str("SELECT from_json('nope', 'a INT, _corrupt_record STRING')")).isEqualTo("[null,nope]");
    assertThatThrownBy(() -> session.sql("SELECT from_json('nope', 'a INT', map('mode', 'FAILFAST'))")
        .collectAsList()).isInstanceOf(SluiceException.class).hasMessageContaining("MALFORMED_RECORD_IN_PARSING");
    assertThatThrownBy(() -> session.sql("SELECT from_json('{}', 'a INT', map('mode', 'DROPMALFORMED'))"))
        .hasMessageContaining("DROPMALFORMED");
  }

  @Test
  void toJson() {
    assertThat(str("SELECT to_json(named_struct('a', 1, 'b', 'x', 'c', CAST(NULL AS INT)))"))
        .isEqualTo("{\"a\":1,\"b\":\"x\"}");
    assertThat(str("SELECT to_json(array(1, 2))")).isEqualTo("[1,2]");
    assertThat(str("SELECT to_json(named_struct('d', DATE'2024-05-01', 't', TIMESTAMP'2024-05-01 10:00:00'))"))
        .isEqualTo("{\"d\":\"2024-05-01\",\"t\":\"2024-05-01T10:00:00.000Z\"}");
    assertThat(str("SELECT to_json(named_struct('d', DATE'2024-05-01'), map('dateFormat', 'dd/MM/yyyy'))"))
        .isEqualTo("{\"d\":\"01/05/2024\"}");
  }

  @Test
  void csvFunctions() {
    assertThat(str("SELECT from_csv('1,x', 'a INT, b STRING')")).isEqualTo("[1,x]");
    assertThat(str("SELECT from_csv('1;x', 'a INT, b STRING', map('sep', ';'))")).isEqualTo("[1,x]");
    assertThat(str("SELECT from_csv('zz,x', 'a INT, b STRING')")).isEqualTo("[null,x]");
    assertThat(str("SELECT to_csv(named_struct('a', 1, 'b', 'x,y', 'c', CAST(NULL AS STRING)))"))
        .isEqualTo("1,\"x,y\",");
  }

  @Test
  void getJsonObject() {
    String j = "'{\"a\":{\"b\":[1,2,{\"c\":\"x\"}]},\"s\":\"str\",\"arr\":[{\"k\":1},{\"k\":2}]}'";
    assertThat(str("SELECT get_json_object(" + j + ", '$.s')")).isEqualTo("str");
    assertThat(str("SELECT get_json_object(" + j + ", '$.a.b[1]')")).isEqualTo("2");
    assertThat(str("SELECT get_json_object(" + j + ", '$.a.b[2].c')")).isEqualTo("x");
    assertThat(str("SELECT get_json_object(" + j + ", '$.a')")).isEqualTo("{\"b\":[1,2,{\"c\":\"x\"}]}");
    assertThat(str("SELECT get_json_object(" + j + ", '$[''s'']')")).isEqualTo("str");
    assertThat(str("SELECT get_json_object(" + j + ", '$.arr[*].k')")).isEqualTo("[1,2]");
    assertThat(one("SELECT get_json_object(" + j + ", '$.missing')")).isNull();
    assertThat(one("SELECT get_json_object('not json', '$.a')")).isNull();
    assertThat(one("SELECT get_json_object(" + j + ", 'bad')")).isNull();
  }
}
