package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.exec.hash.GroupTable;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTableTest {
  @Test
  void singleLongKeyFastPathAgreesWithLookups() {
    GroupTable t = new GroupTable(List.of(DataTypes.LongType));
    ColumnVector keys = ColumnVector.of(DataTypes.LongType, 5L, 7L, 5L, 9L);
    int[] ids = new int[4];
    t.findOrInsert(new ColumnVector[] {keys}, 4, ids);
    assertThat(ids).containsExactly(0, 1, 0, 2);
    int[] found = new int[3];
    t.find(new ColumnVector[] {ColumnVector.of(DataTypes.LongType, 9L, 5L, 6L)}, 3, found);
    assertThat(found).containsExactly(2, 0, -1);
  }

  @Test
  void nullsGroupTogetherAndCompositeKeysGrow() {
    GroupTable t = new GroupTable(List.of(DataTypes.StringType, DataTypes.IntegerType));
    int n = 10_000;
    Object[] s = new Object[n];
    Object[] i = new Object[n];
    for (int k = 0; k < n; k++) {
      s[k] = k % 3 == 0 ? null : "k" + (k % 100);
      i[k] = k % 7;
    }
    int[] ids = new int[n];
    ColumnVector[] keys = {ColumnVector.of(DataTypes.StringType, s), ColumnVector.of(DataTypes.IntegerType, i)};
    t.findOrInsert(keys, n, ids);
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int k = 0; k < n; k++) {
      distinct.add(s[k] + "/" + i[k]);
    }
    assertThat(t.size()).isEqualTo(distinct.size());
    int[] again = new int[n];
    t.find(keys, n, again);
    assertThat(again).isEqualTo(ids);
    ColumnVector[] out = t.keyVectors();
    for (int k = 0; k < n; k++) {
      assertThat(out[0].get(ids[k])).isEqualTo(s[k]);
      assertThat(out[1].get(ids[k])).isEqualTo(i[k]);
    }
  }
}
