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

  /** As Instant prints them: whole seconds bare, else milliseconds, microseconds only when there are any. */
  @Test
  void isoTimestampsKeepTheirMilliseconds() {
    assertThat(DateTimeUtil.formatIso(500_000)).isEqualTo("1970-01-01T00:00:00.500Z");
    assertThat(DateTimeUtil.formatIso(0)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(DateTimeUtil.formatIso(1_767_225_601_250_000L)).isEqualTo(java.time.Instant.ofEpochMilli(1_767_225_601_250L)
        .toString());
    assertThat(DateTimeUtil.formatIso(1_000_001)).isEqualTo("1970-01-01T00:00:01.000001Z");
    assertThat(DateTimeUtil.formatIso(-500_000)).isEqualTo("1969-12-31T23:59:59.500Z");
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

  @Test
  void intervalsPrintAsSparkCastsThemAndAsHivePrintsThem() {
    long dayTime = 86_400_000_000L + 2 * 3_600_000_000L + 3 * 60_000_000L + 4_500_000L;
    assertThat(ValueFormat.toStringValue(dayTime, DataTypes.DayTimeIntervalType))
        .isEqualTo("INTERVAL '1 02:03:04.5' DAY TO SECOND");
    assertThat(ValueFormat.toHiveString(dayTime, DataTypes.DayTimeIntervalType)).isEqualTo("1 02:03:04.500000000");
    assertThat(ValueFormat.toStringValue(-3 * 86_400_000_000L, DataTypes.DayTimeIntervalType))
        .isEqualTo("INTERVAL '-3 00:00:00' DAY TO SECOND");
    assertThat(ValueFormat.toStringValue(Long.MIN_VALUE, DataTypes.DayTimeIntervalType))
        .isEqualTo("INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND");
    assertThat(ValueFormat.toStringValue(13, DataTypes.YearMonthIntervalType))
        .isEqualTo("INTERVAL '1-1' YEAR TO MONTH");
    assertThat(ValueFormat.toHiveString(-13, DataTypes.YearMonthIntervalType)).isEqualTo("-1-1");
  }
}
