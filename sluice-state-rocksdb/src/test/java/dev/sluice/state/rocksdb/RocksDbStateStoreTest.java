package dev.sluice.state.rocksdb;

import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.CheckpointException;
import dev.sluice.state.StateStore;
import dev.sluice.types.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStateStoreTest {
  private static SluiceConf conf(int deltasPerSnapshot) {
    SluiceConf c = new SluiceConf();
    c.set(SluiceConf.MIN_DELTAS_FOR_SNAPSHOT.key(), Integer.toString(deltasPerSnapshot));
    return c;
  }

  @Test
  void versionsCommitAndReloadFromSnapshotsAndChangelogs(@TempDir Path dir) {
    RocksDbStateStoreProvider p = new RocksDbStateStoreProvider(dir, conf(3));
    for (long v = 0; v < 7; v++) {
      StateStore s = p.getStore(v);
      s.put(new Object[] {"k" + v}, new Object[] {v});
      if (v == 4) {
        s.remove(new Object[] {"k1"});
      }
      Object[] prev = s.get(new Object[] {"k0"});
      assertThat(prev).isNotNull();
      s.commit();
    }
    assertThat(p.latestNumKeys()).isEqualTo(6);
    p.close();
    assertThat(dir.resolve("6.rocksdb")).isDirectory();
    // A fresh provider (a restarted process) restores version 7 from the snapshot at 6 plus delta 7.
    RocksDbStateStoreProvider again = new RocksDbStateStoreProvider(dir, conf(3));
    StateStore s = again.getStore(7);
    List<String> keys = new ArrayList<>();
    for (Iterator<Map.Entry<Object[], Object[]>> it = s.iterator(); it.hasNext(); ) {
      keys.add((String) it.next().getKey()[0]);
    }
    assertThat(keys).containsExactlyInAnyOrder("k0", "k2", "k3", "k4", "k5", "k6");
    assertThat(s.get(new Object[] {"k1"})).isNull();
    assertThat(s.get(new Object[] {"k5"})).containsExactly(5L);
    // An older version is rebuilt exactly: version 3 had k0..k2.
    StateStore old = again.getStore(3);
    assertThat(old.numKeys()).isEqualTo(3);
    again.close();
  }

  @Test
  void aMissingChangelogIsRefused(@TempDir Path dir) throws Exception {
    RocksDbStateStoreProvider p = new RocksDbStateStoreProvider(dir, conf(100));
    for (long v = 0; v < 3; v++) {
      StateStore s = p.getStore(v);
      s.put(new Object[] {v}, new Object[] {v});
      s.commit();
    }
    p.close();
    Files.delete(dir.resolve("2.delta"));
    RocksDbStateStoreProvider again = new RocksDbStateStoreProvider(dir, conf(100));
    assertThatThrownBy(() -> again.getStore(3)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("2.delta").hasMessageContaining("missing");
    again.close();
  }

  private static List<String> keys(StateStore s) {
    List<String> keys = new ArrayList<>();
    for (Iterator<Map.Entry<Object[], Object[]>> it = s.iterator(); it.hasNext(); ) {
      keys.add((String) it.next().getKey()[0]);
    }
    return keys;
  }

  /** Versions 1..7 with a key each, snapshots every 3 versions (at 3 and 6). */
  private static void commitSevenVersions(Path dir) {
    RocksDbStateStoreProvider p = new RocksDbStateStoreProvider(dir, conf(3));
    for (long v = 0; v < 7; v++) {
      StateStore s = p.getStore(v);
      s.put(new Object[] {"k" + v}, new Object[] {v});
      s.commit();
    }
    p.close();
  }

  @Test
  void aSnapshotWhoseCopyWasInterruptedIsIgnored(@TempDir Path dir) throws Exception {
    commitSevenVersions(dir);
    // A crash while copying snapshot 6 to the checkpoint leaves its files without the count file,
    // which is written last. (On S3 there is no folder rename to make the copy atomic.)
    Files.delete(dir.resolve("6.rocksdb").resolve(RocksDbStateStoreProvider.COUNT_FILE));
    RocksDbStateStoreProvider again = new RocksDbStateStoreProvider(dir, conf(3));
    StateStore s = again.getStore(7); // snapshot 3 + deltas 4..7
    assertThat(keys(s)).containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4", "k5", "k6");
    assertThat(s.numKeys()).isEqualTo(7);
    again.close();
  }

  @Test
  void aCorruptSnapshotCopyIsRefusedByName(@TempDir Path dir) throws Exception {
    commitSevenVersions(dir);
    Path current = dir.resolve("6.rocksdb").resolve("CURRENT");
    Files.writeString(current, "MANIFEST-999999\n");
    RocksDbStateStoreProvider again = new RocksDbStateStoreProvider(dir, conf(3));
    assertThatThrownBy(() -> again.getStore(7)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("6.rocksdb").hasMessageContaining("corrupt").hasMessageContaining("never silently resets");
    again.close();
  }

  @Test
  void aStreamingAggregationRestartsFromItsRocksDbState(@TempDir Path dir) throws Exception {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "2")
        .config("sluice.sql.streaming.stateStore.providerClass", "rocksdb")
        .config("sluice.sql.streaming.stateStore.minDeltasForSnapshot", "2").getOrCreate()) {
      MemoryStream events = MemoryStream.create(session, "k STRING, v INT");
      DataFrame agg = events.toDF().groupBy("k").agg(count("*").alias("n"), sum("v").alias("s"));
      StreamingQuery q = agg.writeStream().outputMode("complete").format("memory").queryName("a")
          .option("checkpointLocation", dir.toString()).start();
      for (int i = 0; i < 5; i++) {
        events.addData(Row.of("x", i), Row.of("y" + (i % 2), i));
        q.processAllAvailable();
      }
      q.stop();
      events.addData(Row.of("x", 100));
      StreamingQuery again = agg.writeStream().outputMode("complete").format("memory").queryName("b")
          .option("checkpointLocation", dir.toString()).start();
      again.processAllAvailable();
      again.stop();
      assertThat(session.table("b").orderBy("k").collectAsList()).containsExactly(
          Row.of("x", 6L, 110L), Row.of("y0", 3L, 6L), Row.of("y1", 2L, 4L));
      assertThat(again.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(3);
      try (Stream<Path> s = Files.walk(dir.resolve("state"))) {
        assertThat(s.anyMatch(p -> p.getFileName().toString().endsWith(".rocksdb"))).isTrue();
      }
    }
  }

  @Test
  void aRestartKeepsTheProviderTheCheckpointWasWrittenWith(@TempDir Path dir) throws Exception {
    MemoryStream events;
    DataFrame agg;
    try (Session memory = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate()) {
      events = MemoryStream.create(memory, "k STRING, v INT");
      agg = events.toDF().groupBy("k").agg(count("*").alias("n"));
      StreamingQuery q = agg.writeStream().outputMode("complete").format("memory").queryName("m")
          .option("checkpointLocation", dir.toString()).start();
      events.addData(Row.of("x", 1), Row.of("y", 2));
      q.processAllAvailable();
      events.addData(Row.of("x", 3));
      q.processAllAvailable();
      q.stop();
      assertThat(Files.readString(dir.resolve("offsets").resolve("1")))
          .contains("\"sluice.sql.streaming.stateStore.providerClass\":\"memory\"");

      // The same query restarted by a session that asks for RocksDB: the checkpoint's state is the
      // memory provider's files, so the checkpoint's provider wins (as in Spark), and counting goes on.
      memory.conf().set("sluice.sql.streaming.stateStore.providerClass", "rocksdb");
      events.addData(Row.of("x", 5));
      StreamingQuery again = agg.writeStream().outputMode("complete").format("memory").queryName("r")
          .option("checkpointLocation", dir.toString()).start();
      again.processAllAvailable();
      again.stop();
      assertThat(memory.table("r").orderBy("k").collectAsList()).containsExactly(Row.of("x", 3L), Row.of("y", 1L));
      try (Stream<Path> s = Files.walk(dir.resolve("state"))) {
        assertThat(s.noneMatch(p -> p.getFileName().toString().endsWith(".rocksdb"))).isTrue();
      }
    }
  }
}
