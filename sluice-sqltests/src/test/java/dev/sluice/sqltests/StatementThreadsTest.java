package dev.sluice.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A statement over its time limit is a timeout and does not keep running; one that throws is a failure. */
class StatementThreadsTest {
  @Test
  void aHungStatementTimesOutAndIsStopped() throws Exception {
    AtomicBoolean running = new AtomicBoolean();
    try (StatementThreads threads = new StatementThreads("test")) {
      Actual a = threads.call(() -> {
        running.set(true);
        long n = 0;
        while (n >= 0) { // busy, deaf to interrupts
          n++;
          running.set(true);
        }
        return null;
      }, 200);
      assertThat(a).isInstanceOf(Actual.Timeout.class);
      running.set(false);
      Thread.sleep(100);
      assertThat(running.get()).as("the statement's thread still runs").isFalse();

      Actual next = threads.call(() -> new Actual.Result(List.of("a"), List.of("int"), List.of("1"), false), 1000);
      assertThat(next).isInstanceOf(Actual.Result.class);
      Actual failed = threads.call(() -> {
        throw new IllegalStateException("boom");
      }, 1000);
      assertThat(((Actual.Failure) failed).error()).hasMessage("boom");
    }
  }
}
