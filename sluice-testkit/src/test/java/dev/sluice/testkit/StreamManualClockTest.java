package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamManualClockTest {
  @Test
  void knowsWhenAThreadWaitsForAFutureTime() throws Exception {
    StreamManualClock clock = new StreamManualClock(100);
    Object waker = new Object();
    assertThat(clock.isWaitingForFuture()).isFalse();
    Thread t = new Thread(() -> {
      try {
        while (clock.millis() < 200) {
          clock.waitUntil(200, waker);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    assertThat(clock.awaitWaitingForFuture(() -> false, 5000)).isTrue();
    assertThat(clock.waitTarget()).isEqualTo(200);
    clock.advance(50);
    assertThat(clock.isWaitingForFuture()).isTrue();
    clock.advance(50);
    assertThat(clock.isWaitingForFuture()).isFalse();   // the target has come: not idle any more
    t.join(5000);
    assertThat(t.isAlive()).isFalse();
    clock.resetWaitState();
    assertThat(clock.waitTarget()).isEqualTo(Long.MIN_VALUE);
    assertThat(clock.awaitWaitingForFuture(() -> true, 5000)).isFalse();
    assertThat(clock.awaitWaitingForFuture(() -> false, 20)).isFalse();
  }

  @Test
  void aNotifiedWakerEndsTheWaitEarly() throws Exception {
    StreamManualClock clock = new StreamManualClock();
    Object waker = new Object();
    long start = System.nanoTime();
    Thread t = new Thread(() -> {
      try {
        clock.waitUntil(1_000_000, waker);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    clock.awaitWaitingForFuture(() -> false, 5000);
    synchronized (waker) {
      waker.notifyAll();
    }
    t.join(5000);
    assertThat(t.isAlive()).isFalse();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
