package dev.sluice.sql;

import static dev.sluice.sql.Trees.lines;
import static dev.sluice.sql.Trees.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.ParseException;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlParserStatementTest {

  private static Statement one(String sql) {
    List<Statement> s = SqlParser.parseStatements(sql);
    assertThat(s).hasSize(1);
    return s.get(0);
  }

  @Test
  void scriptsSplitOnSemicolonsAndSkipEmptyStatements() {
    List<Statement> s = SqlParser.parseStatements(";; SELECT 1; ; SELECT 'a;b' -- a comment; not a split\n;;");
    assertThat(s).hasSize(2).allMatch(x -> x instanceof Statement.QueryStatement);
    assertThat(SqlParser.parseStatements("")).isEmpty();
    assertThat(SqlParser.parseStatements("  -- nothing\n")).isEmpty();
  }

  @Test
  void queryStatement() {
    Statement.QueryStatement q = (Statement.QueryStatement) one("SELECT a FROM t");
    assertThat(shape(q.plan())).isEqualTo(lines("Project [a]", "+- UnresolvedRelation [t] false"));
  }

  @Test
  void createTableWithSchemaFormatAndOptions() {
    Statement.CreateTable c = (Statement.CreateTable) one("CREATE TABLE events (id INT, name STRING NOT NULL) "
        + "USING json OPTIONS (path '/data/in', `key.with.dots` 'v', 'quoted.key' = 'v2', "
        + "kafka.bootstrap.servers 'h:9092', maxFilesPerTrigger 5, multiLine true)");
    assertThat(c.name()).isEqualTo("events");
    assertThat(c.schema()).isEqualTo(new StructType().add("id", DataTypes.IntegerType)
        .add("name", DataTypes.StringType, false));
    assertThat(c.format()).isEqualTo("json");
    assertThat(c.options()).containsExactly(
        Map.entry("path", "/data/in"),
        Map.entry("key.with.dots", "v"),
        Map.entry("quoted.key", "v2"),
        Map.entry("kafka.bootstrap.servers", "h:9092"),
        Map.entry("maxFilesPerTrigger", "5"),
        Map.entry("multiLine", "true"));
    assertThat(c.ifNotExists()).isFalse();
    assertThat(c.orReplace()).isFalse();
  }

  @Test
  void createTableVariants() {
    Statement.CreateTable c = (Statement.CreateTable) one("create table if not exists db.t using rate");
    assertThat(c.name()).isEqualTo("db.t");
    assertThat(Statement.nameParts(c.name())).containsExactly("db", "t");
    assertThat(c.schema()).isNull();
    assertThat(c.format()).isEqualTo("rate");
    assertThat(c.options()).isEmpty();
    assertThat(c.ifNotExists()).isTrue();

    Statement.CreateTable r = (Statement.CreateTable) one(
        "CREATE OR REPLACE TABLE `my.table` USING parquet LOCATION '/tmp/out' COMMENT 'x'");
    assertThat(r.orReplace()).isTrue();
    assertThat(r.name()).isEqualTo("`my.table`");
    assertThat(Statement.nameParts(r.name())).containsExactly("my.table");
    assertThat(r.options()).containsExactly(Map.entry("path", "/tmp/out"));

    Statement.CreateTable f = (Statement.CreateTable) one("CREATE TABLE t USING org.example.Source");
    assertThat(f.format()).isEqualTo("org.example.Source");
  }

  @Test
  void createTableRejectsDuplicateOptionsAndReplaceWithIfNotExists() {
    assertThatThrownBy(() -> one("CREATE TABLE t USING json OPTIONS (path 'a', PATH 'b')"))
        .isInstanceOf(ParseException.class).hasMessageContaining("'PATH' is given twice");
    assertThatThrownBy(() -> one("CREATE OR REPLACE TABLE IF NOT EXISTS t USING json"))
        .isInstanceOf(ParseException.class).hasMessageContaining("IF NOT EXISTS");
  }

  @Test
  void createView() {
    Statement.CreateView v = (Statement.CreateView) one("CREATE OR REPLACE TEMPORARY VIEW v AS SELECT a FROM t");
    assertThat(v.name()).isEqualTo("v");
    assertThat(v.temporary()).isTrue();
    assertThat(v.orReplace()).isTrue();
    assertThat(shape(v.plan())).isEqualTo(lines("Project [a]", "+- UnresolvedRelation [t] false"));
    Statement.CreateView w = (Statement.CreateView) one("CREATE TEMP VIEW w AS WITH c AS (SELECT 1 AS x) SELECT x FROM c");
    assertThat(w.temporary()).isTrue();
    assertThat(w.orReplace()).isFalse();
    Statement.CreateView p = (Statement.CreateView) one("CREATE VIEW p AS SELECT 1");
    assertThat(p.temporary()).isFalse();
  }

  @Test
  void insertInto() {
    Statement.InsertInto i = (Statement.InsertInto) one("INSERT INTO TABLE sink SELECT * FROM STREAM(src)");
    assertThat(i.tableName()).isEqualTo("sink");
    assertThat(shape(i.query())).isEqualTo(lines("Project [*]", "+- UnresolvedRelation [src] true"));
    Statement.InsertInto j = (Statement.InsertInto) one("insert into db.sink VALUES (1, 'a')");
    assertThat(j.tableName()).isEqualTo("db.sink");
    assertThat(shape(j.query())).startsWith("Project [1 AS col1, a AS col2]");
  }

  @Test
  void setConfiguration() {
    assertThat(one("SET spark.sql.shuffle.partitions = 4"))
        .isEqualTo(new Statement.SetConfig("spark.sql.shuffle.partitions", "4"));
    assertThat(one("SET sluice.sql.ansi.enabled=false")).isEqualTo(new Statement.SetConfig("sluice.sql.ansi.enabled", "false"));
    assertThat(one("SET a.b = 'x;y'")).isEqualTo(new Statement.SetConfig("a.b", "x;y"));
    assertThat(one("SET a = \"quoted value\"")).isEqualTo(new Statement.SetConfig("a", "quoted value"));
    assertThat(one("SET tz = America/New_York")).isEqualTo(new Statement.SetConfig("tz", "America/New_York"));
    assertThat(one("SET k = 10 seconds")).isEqualTo(new Statement.SetConfig("k", "10 seconds"));
    assertThat(one("SET `a.b` = 1")).isEqualTo(new Statement.SetConfig("a.b", "1"));
    assertThat(one("SET k")).isEqualTo(new Statement.SetConfig("k", null));
    assertThat(one("SET")).isEqualTo(new Statement.SetConfig(null, null));
    List<Statement> two = SqlParser.parseStatements("SET a = 1; SET b = 2");
    assertThat(two).containsExactly(new Statement.SetConfig("a", "1"), new Statement.SetConfig("b", "2"));
  }

  @Test
  void dropTableAndView() {
    assertThat(one("DROP TABLE t")).isEqualTo(new Statement.DropTable("t", false));
    assertThat(one("drop table if exists db.t")).isEqualTo(new Statement.DropTable("db.t", true));
    assertThat(one("DROP VIEW IF EXISTS v")).isEqualTo(new Statement.DropView("v", true));
  }

  @Test
  void explain() {
    Statement.Explain e = (Statement.Explain) one("EXPLAIN SELECT a FROM t");
    assertThat(e.extended()).isFalse();
    assertThat(shape(e.plan())).isEqualTo(lines("Project [a]", "+- UnresolvedRelation [t] false"));
    assertThat(((Statement.Explain) one("EXPLAIN EXTENDED SELECT 1")).extended()).isTrue();
  }

  @Test
  void parseStatementTakesExactlyOne() {
    assertThat(SqlParser.parseStatement("DROP TABLE t;")).isEqualTo(new Statement.DropTable("t", false));
    assertThatThrownBy(() -> SqlParser.parseStatement("DROP TABLE t; DROP TABLE u"))
        .isInstanceOf(ParseException.class);
  }

  @Test
  void multipartIdentifiers() {
    assertThat(SqlParser.parseMultipartIdentifier("db.t")).containsExactly("db", "t");
    assertThat(SqlParser.parseMultipartIdentifier("`a.b`.c")).containsExactly("a.b", "c");
    assertThat(SqlParser.parseMultipartIdentifier("left")).containsExactly("left");
  }
}
