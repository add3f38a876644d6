package dev.sluice.state.rocksdb;

import dev.sluice.streaming.ops.StatefulAggregateHarnessTest;
import dev.sluice.streaming.ops.StatefulSessionAggregateHarnessTest;
import dev.sluice.streaming.ops.StreamStreamJoinHarnessTest;
import dev.sluice.streaming.ops.StreamingDeduplicateHarnessTest;
import org.junit.jupiter.api.Nested;

/**
 * The stateful operators' harness specifications of sluice-core (its test jar), run again with their
 * state in RocksDB: straight through on a live database, and restored after every row from the
 * checkpoint's changelogs and RocksDB snapshots into a fresh local database.
 */
class RocksDbOperatorHarnessTest {
  @Nested
  class Aggregation extends StatefulAggregateHarnessTest {
    @Override
    protected String stateStore() {
      return "rocksdb";
    }
  }

  @Nested
  class SessionWindows extends StatefulSessionAggregateHarnessTest {
    @Override
    protected String stateStore() {
      return "rocksdb";
    }
  }

  @Nested
  class Deduplication extends StreamingDeduplicateHarnessTest {
    @Override
    protected String stateStore() {
      return "rocksdb";
    }
  }

  @Nested
  class StreamStreamJoin extends StreamStreamJoinHarnessTest {
    @Override
    protected String stateStore() {
      return "rocksdb";
    }
  }
}
