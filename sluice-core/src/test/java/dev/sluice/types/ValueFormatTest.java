package dev.sluice.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two text forms of values: Spark's cast to string, and Spark's printed query results. */
class ValueFormatTest {
  private static final ArrayType STRINGS = new ArrayType(DataTypes.StringType, true);

  @Test
  void hiveFormQuotesStringsOnlyInsideCollectionsAndSpellsNullByDepth() {
    assertThat(ValueFormat.toHiveString("a b", DataTypes.StringType)).isEqualTo("a b");
    assertThat(ValueFormat.toHiveString(null, DataTypes.StringType)).isEqualTo("NULL");
    assertThat(ValueFormat.toHiveString(Arrays.asList("a", null, "c"), STRINGS)).isEqualTo("[\"a\",null,\"c\"]");
    assertThat(ValueFormat.toStringValue(Arrays.asList("a", null, "c"), STRINGS)).isEqualTo("[a, null, c]");
  }

  @Test
  void hiveFormSortsMapEntriesAndNamesStructFields() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("b", 2);
    m.put("a", null);
    MapType type = new MapType(DataTypes.StringType, DataTypes.IntegerType, true);
    assertThat(ValueFormat.toHiveString(m, type)).isEqualTo("{\"a\":null,\"b\":2}");
    StructType st = new StructType().add("x", DataTypes.IntegerType).add("y", STRINGS)
        .add("d", new DecimalType(4, 2));
    assertThat(ValueFormat.toHiveString(new Object[] {1, List.of("p"), new BigDecimal("1.50")}, st))
        .isEqualTo("{\"x\":1,\"y\":[\"p\"],\"d\":1.50}");
    assertThat(ValueFormat.toHiveString(new Object[] {null, null, null}, st))
        .isEqualTo("{\"x\":null,\"y\":null,\"d\":null}");
  }

  @Test
  void hiveFormOfAtomsIsTheCastText() {
    assertThat(ValueFormat.toHiveString(1.0E10, DataTypes.DoubleType)).isEqualTo("1.0E10");
    assertThat(ValueFormat.toHiveString(19_000, DataTypes.DateType)).isEqualTo("2022-01-08");
    assertThat(ValueFormat.toHiveString(0L, DataTypes.TimestampType))
        .isEqualTo(ValueFormat.toStringValue(0L, DataTypes.TimestampType));
    assertThat(ValueFormat.toHiveString(true, DataTypes.BooleanType)).isEqualTo("true");
  }
}
