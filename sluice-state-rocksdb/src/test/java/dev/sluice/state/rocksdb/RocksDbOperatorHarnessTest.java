package dev.sluice.state.rocksdb;

import dev.sluice.streaming.OperatorHarness;
import dev.sluice.streaming.ops.StatefulAggregateHarnessTest;
import dev.sluice.streaming.ops.StatefulSessionAggregateHarnessTest;
import dev.sluice.streaming.ops.StreamStreamJoinHarnessTest;
import dev.sluice.streaming.ops.StreamingDeduplicateHarnessTest;
import dev.sluice.streaming.ops.StreamingLimitHarnessTest;
import org.junit.jupiter.api.Nested;

/**
 * The stateful operators' harness specifications of sluice-core (its test jar), run again with their
 * state in RocksDB: straight through on a live database, and restored after every row from the
 * checkpoint's changelogs and RocksDB snapshots into a fresh local database.
 */
class RocksDbOperatorHarnessTest {
  /**
   * RocksDB, straight through and restored after every row. The replayed run (a crash before every
   * commit) runs on the built-in provider in sluice-core only: it runs each row-batch twice and restores
   * twice per row-batch, and the RocksDB databases it opens doubled this class's time.
   */
  static OperatorHarness onRocksDb(OperatorHarness h) {
    return h.stateStore("rocksdb").withoutReplays();
  }

  @Nested
  class Aggregation extends StatefulAggregateHarnessTest {
    @Override
    protected OperatorHarness onStateStore(OperatorHarness h) {
      return onRocksDb(h);
    }
  }

  @Nested
  class SessionWindows extends StatefulSessionAggregateHarnessTest {
    @Override
    protected OperatorHarness onStateStore(OperatorHarness h) {
      return onRocksDb(h);
    }
  }

  @Nested
  class Deduplication extends StreamingDeduplicateHarnessTest {
    @Override
    protected OperatorHarness onStateStore(OperatorHarness h) {
      return onRocksDb(h);
    }
  }

  @Nested
  class StreamStreamJoin extends StreamStreamJoinHarnessTest {
    @Override
    protected OperatorHarness onStateStore(OperatorHarness h) {
      return onRocksDb(h);
    }
  }

  @Nested
  class Limit extends StreamingLimitHarnessTest {
    @Override
    protected OperatorHarness onStateStore(OperatorHarness h) {
      return onRocksDb(h);
    }
  }
}
