package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.AnalysisException;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed tables, as Spark's: {@code CREATE TABLE t (cols) USING <file format>} without a LOCATION keeps
 * its files in {@code <warehouse>/t}, made empty by CREATE and deleted by DROP; CREATE TABLE ... AS SELECT
 * writes the query's rows there. The warehouse is {@code sluice.sql.warehouse.dir} (Spark's
 * {@code spark.sql.warehouse.dir} is accepted).
 */
class ManagedTablesTest {
  @TempDir
  Path warehouse;
  Session session;

  @BeforeEach
  void start() {
    session = Session.builder().config("spark.sql.warehouse.dir", warehouse.toString()).create();
  }

  @AfterEach
  void stop() {
    session.close();
  }

  @Test
  void createInsertReadAndDrop() {
    session.sql("CREATE TABLE people (id INT, name STRING) USING json");
    assertThat(warehouse.resolve("people")).isEmptyDirectory();
    assertThat(session.sql("SELECT * FROM people").collectAsList()).isEmpty();
    session.sql("INSERT INTO people VALUES (1, 'ada'), (2, NULL)");
    session.sql("INSERT INTO people SELECT 3, 'grace'");
    assertThat(session.sql("SELECT id, name FROM people ORDER BY id").collectAsList())
        .containsExactly(Row.of(1, "ada"), Row.of(2, null), Row.of(3, "grace"));
    session.sql("DROP TABLE people");
    assertThat(warehouse.resolve("people")).doesNotExist();
    assertThatThrownBy(() -> session.sql("SELECT * FROM people")).isInstanceOf(AnalysisException.class);
  }

  @Test
  void createTableAsSelect() {
    session.sql("CREATE TABLE totals USING csv AS SELECT k, sum(v) AS total FROM VALUES ('a', 1), ('a', 2), ('b', 5) "
        + "AS t(k, v) GROUP BY k");
    assertThat(session.sql("SELECT k, total FROM totals ORDER BY k").collectAsList())
        .containsExactly(Row.of("a", 3L), Row.of("b", 5L));
    session.sql("CREATE OR REPLACE TABLE totals USING csv AS SELECT 'c' AS k, 9L AS total");
    assertThat(session.sql("SELECT k, total FROM totals").collectAsList()).containsExactly(Row.of("c", 9L));
  }

  @Test
  void aManagedTableNeedsItsColumnsAndItsOwnFolder() throws IOException {
    assertThatThrownBy(() -> session.sql("CREATE TABLE nothing USING json"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("needs its columns");
    Files.createDirectories(warehouse.resolve("taken"));
    Files.writeString(warehouse.resolve("taken").resolve("part-0.json"), "{\"id\": 1}\n");
    assertThatThrownBy(() -> session.sql("CREATE TABLE taken (id INT) USING json"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("LOCATION_ALREADY_EXISTS");
    assertThat(warehouse.resolve("taken").resolve("part-0.json")).exists();
  }

  @Test
  void aTableWithALocationIsNotManaged(@TempDir Path elsewhere) throws IOException {
    Files.writeString(elsewhere.resolve("part-0.json"), "{\"id\": 7}\n");
    session.sql("CREATE TABLE outside (id INT) USING json LOCATION '" + elsewhere + "'");
    assertThat(session.sql("SELECT id FROM outside").collectAsList()).containsExactly(Row.of(7));
    session.sql("DROP TABLE outside");
    assertThat(elsewhere.resolve("part-0.json")).exists();
  }
}
