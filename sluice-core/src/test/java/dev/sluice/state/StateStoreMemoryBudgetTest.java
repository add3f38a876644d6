package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory state store has a memory budget (sluice.sql.streaming.stateStore.memory.maxBytes,
 * by default half the heap): state that outgrows it fails the batch with an error naming the state's
 * size and the budget and suggesting the RocksDB provider, before the JVM runs out of heap.
 */
class StateStoreMemoryBudgetTest {

  private static Object[] key(long i) {
    return new Object[] {"key-" + i};
  }

  @Test
  void putsBeyondTheBudgetFailNamingTheSizeTheBudgetAndRocksDb() {
    InMemoryStateStoreProvider p = new InMemoryStateStoreProvider(200_000);
    try {
      StateStore s = p.getStore(0);
      assertThatThrownBy(() -> {
        for (long i = 0; i < 1_000_000; i++) {
          s.put(key(i), new Object[] {i, "value " + i});
        }
      }).isInstanceOfSatisfying(SluiceException.class,
              e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.STATE_STORE_MEMORY_LIMIT_EXCEEDED))
          .hasMessageContaining("200000 bytes").hasMessageContaining("rocksdb")
          .hasMessageContaining("sluice.sql.streaming.stateStore.memory.maxBytes");
      assertThat(s.numUpdated()).isBetween(100L, 10_000L);
    } finally {
      p.close();
    }
  }

  @Test
  void committedStateCountsAndRemovingKeysFreesTheBudget() {
    InMemoryStateStoreProvider p = new InMemoryStateStoreProvider(400_000);
    try {
      StateStore s = p.getStore(0);
      for (long i = 0; i < 1000; i++) {
        s.put(key(i), new Object[] {i});
      }
      s.commit();
      long used = p.memoryBytes();
      assertThat(used).isBetween(50_000L, 300_000L);
      StateStore s2 = p.getStore(1);
      for (long i = 0; i < 1000; i++) {
        s2.remove(key(i));
      }
      s2.commit();
      assertThat(p.memoryBytes()).isZero();
      // The freed budget can be used again, batch after batch.
      for (int v = 2; v < 6; v++) {
        StateStore sv = p.getStore(v);
        for (long i = 0; i < 1000; i++) {
          sv.put(key(i), new Object[] {i});
        }
        sv.commit();
      }
      assertThat(p.memoryBytes()).isEqualTo(used);
    } finally {
      p.close();
    }
  }

  @Test
  void theDefaultBudgetIsHalfTheHeap() {
    assertThat(InMemoryStateStoreProvider.defaultBudget()).isEqualTo(Runtime.getRuntime().maxMemory() / 2);
  }

  @Test
  void aStreamingAggregationOutgrowingTheBudgetFailsWithTheAdvice() {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "1")
        .config("sluice.sql.streaming.stateStore.memory.maxBytes", "1m").getOrCreate()) {
      MemoryStream in = MemoryStream.create(session, "k BIGINT");
      DataFrame counts = in.toDF().groupBy("k").count();
      StreamingQuery q = counts.writeStream().format("memory").queryName("counts").outputMode("update").start();
      try {
        in.addData(rows(0, 100));
        q.processAllAvailable();
        assertThat(session.table("counts").count()).isEqualTo(100);
        in.addData(rows(100, 200_000));
        assertThatThrownBy(q::processAllAvailable).hasMessageContaining("STATE_STORE_MEMORY_LIMIT_EXCEEDED")
            .hasMessageContaining("rocksdb").hasMessageContaining("1048576 bytes");
        assertThat(q.exception()).isNotNull();
      } finally {
        q.stop();
      }
    }
  }

  private static Row[] rows(long from, long to) {
    List<Row> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(Row.of(i));
    }
    return out.toArray(new Row[0]);
  }
}
