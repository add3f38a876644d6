package dev.sluice.streaming.ops;

import dev.sluice.api.Session;
import dev.sluice.streaming.OperatorHarness;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every stateful operator's harness scenarios share: a fresh session with two shuffle (state)
 * partitions per test, the state store the scenarios run on ({@link #onStateStore}, which
 * sluice-state-rocksdb overrides to run them all on RocksDB), and event times as seconds after a fixed
 * instant.
 */
public abstract class HarnessScenarios {
  protected Session session;

  @BeforeEach
  void startSession() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterEach
  void stopSession() {
    session.close();
  }

  /** Where the scenarios keep state: the built-in provider here; sluice-state-rocksdb runs them on RocksDB. */
  protected OperatorHarness onStateStore(OperatorHarness h) {
    return h;
  }

  static Instant t(int seconds) {
    return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds);
  }
}
