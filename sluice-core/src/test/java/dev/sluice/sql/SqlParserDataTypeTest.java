package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.ParseException;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlParserDataTypeTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INT | int", "integer | int", "SMALLINT | int", "tinyint | int", "BYTE | int", "SHORT | int",
      "BIGINT | bigint", "long | bigint",
      "DOUBLE | double", "FLOAT | double", "real | double",
      "STRING | string", "VARCHAR(10) | string", "CHAR(3) | string", "TEXT | string",
      "BOOLEAN | boolean", "BINARY | binary", "DATE | date",
      "TIMESTAMP | timestamp", "TIMESTAMP_LTZ | timestamp", "timestamp_ntz | timestamp",
      "DECIMAL | decimal(10,0)", "DECIMAL(5) | decimal(5,0)", "decimal(10, 2) | decimal(10,2)",
      "NUMERIC(38,18) | decimal(38,18)", "DEC(3,1) | decimal(3,1)",
  })
  void primitiveTypes(String text, String simple) {
    assertThat(SqlParser.parseDataType(text).simpleString()).isEqualTo(simple);
  }

  @Test
  void complexTypes() {
    assertThat(SqlParser.parseDataType("ARRAY<STRING>")).isEqualTo(new ArrayType(DataTypes.StringType, true));
    assertThat(SqlParser.parseDataType("MAP<STRING,INT>"))
        .isEqualTo(new MapType(DataTypes.StringType, DataTypes.IntegerType, true));
    assertThat(SqlParser.parseDataType("array<array<long>>"))
        .isEqualTo(new ArrayType(new ArrayType(DataTypes.LongType, true), true));
    DataType s = SqlParser.parseDataType("STRUCT<a: INT, b STRING NOT NULL, `c d`: ARRAY<DATE>, end: TIMESTAMP>");
    assertThat(s).isEqualTo(new StructType(
        new StructField("a", DataTypes.IntegerType, true),
        new StructField("b", DataTypes.StringType, false),
        new StructField("c d", new ArrayType(DataTypes.DateType, true), true),
        new StructField("end", DataTypes.TimestampType, true)));
    assertThat(SqlParser.parseDataType("STRUCT<>")).isEqualTo(new StructType());
    assertThat(SqlParser.parseDataType("MAP<STRING, STRUCT<x: DECIMAL(4,1)>>"))
        .isEqualTo(new MapType(DataTypes.StringType, new StructType().add("x", new DecimalType(4, 1)), true));
  }

  @Test
  void schemas() {
    StructType s = SqlParser.parseSchema("id INT, name STRING NOT NULL, m MAP<STRING,INT>, "
        + "s STRUCT<a: INT, b: STRING>, d DECIMAL(10,2)");
    assertThat(s).isEqualTo(new StructType()
        .add("id", DataTypes.IntegerType)
        .add("name", DataTypes.StringType, false)
        .add("m", new MapType(DataTypes.StringType, DataTypes.IntegerType, true))
        .add("s", new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType))
        .add("d", new DecimalType(10, 2)));
    assertThat(SqlParser.parseSchema("word STRING, ts TIMESTAMP").toDDL()).isEqualTo("word STRING, ts TIMESTAMP");
    assertThat(SqlParser.parseSchema("STRUCT<a: INT, b: STRING>"))
        .isEqualTo(new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType));
    assertThat(SqlParser.parseSchema("  ")).isEqualTo(new StructType());
  }

  @Test
  void columnNamesMayBeKeywordsAndKeepTheirCase() {
    StructType s = SqlParser.parseSchema("timestamp TIMESTAMP, date DATE, key STRING, value BINARY, window INT, "
        + "end INT, `from` INT, User STRING, `a.b` INT COMMENT 'dotted'");
    assertThat(s.fieldNames()).containsExactly("timestamp", "date", "key", "value", "window", "end", "from", "User",
        "a.b");
  }

  @Test
  void badTypesAreParseErrors() {
    assertThatThrownBy(() -> SqlParser.parseDataType("FOO"))
        .isInstanceOf(ParseException.class).hasMessageContaining("unsupported data type FOO");
    assertThatThrownBy(() -> SqlParser.parseDataType("DECIMAL(39,2)"))
        .isInstanceOf(ParseException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> SqlParser.parseDataType("DECIMAL(5,6)"))
        .isInstanceOf(ParseException.class).hasMessageContaining("scale");
    assertThatThrownBy(() -> SqlParser.parseDataType("INT(3)"))
        .isInstanceOf(ParseException.class).hasMessageContaining("takes no parameters");
    assertThatThrownBy(() -> SqlParser.parseDataType("VARCHAR"))
        .isInstanceOf(ParseException.class).hasMessageContaining("length");
    assertThatThrownBy(() -> SqlParser.parseSchema("id INT,"))
        .isInstanceOf(ParseException.class).hasMessageContaining("end of input");
    assertThatThrownBy(() -> SqlParser.parseDataType("ARRAY<INT"))
        .isInstanceOf(ParseException.class).hasMessageContaining("'>' but found end of input");
    assertThatThrownBy(() -> SqlParser.parseDataType("FROM"))
        .isInstanceOf(ParseException.class).hasMessageContaining("expected a data type but found 'FROM'");
  }

  /** The fast path for plain column lists must agree with the grammar on everything it accepts. */
  @Test
  void simpleColumnListsReadWithoutTheGrammarMatchIt() {
    java.util.List<String> accepted = java.util.List.of("word STRING, n INT", "a int", "  a  INT ,b\tbigint\n",
        "timestamp TIMESTAMP, date DATE, key STRING, value BINARY, window INT, from STRING, select INT",
        "_x double,y1 boolean,Z_2 tinyint,q smallint,r real,s text,t timestamp_ntz,u timestamp_ltz,v float,w void",
        "CamelCase Long, x bool, y short, z byte, k integer");
    for (String ddl : accepted) {
      assertThat(SimpleDdl.schema(ddl)).as(ddl).isNotNull().isEqualTo(SqlParser.parseSchemaWithGrammar(ddl));
      assertThat(SqlParser.parseSchema(ddl)).as(ddl).isEqualTo(SqlParser.parseSchemaWithGrammar(ddl));
    }
    // Everything else is left to the grammar, which accepts it or reports the error.
    java.util.List<String> declined = java.util.List.of("", "a INT,", "a DECIMAL(10,2)", "a INT NOT NULL",
        "a INT COMMENT 'x'", "`a b` INT", "a ARRAY<INT>", "a STRUCT<b: INT>", "a VARCHAR(3)", "1a INT", "a", "a INT b",
        "naïve INT", "a INT; DROP", "a INT,, b INT", "a unknown", "STRUCT<a: INT>");
    for (String ddl : declined) {
      assertThat(SimpleDdl.schema(ddl)).as(ddl).isNull();
    }
  }
}
