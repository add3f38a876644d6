package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.conf.SluiceConf;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecContextTest {
  final ExecutorService pool = Executors.newFixedThreadPool(2);
  final ExecContext ctx = new ExecContext(pool, new SluiceConf(Map.of()));
  final ConcurrentLinkedQueue<String> closed = new ConcurrentLinkedQueue<>();

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  private AutoCloseable resource(String name) {
    return () -> closed.add(name);
  }

  @Test
  void resourcesCloseWhenTheirTaskEndsNotBefore() {
    List<Integer> out = ctx.runTasks(3, p -> {
      ExecContext.closeAtTaskEnd(resource("r" + p));
      assertThat(closed).doesNotContain("r" + p);
      return p;
    });
    assertThat(out).containsExactly(0, 1, 2);
    assertThat(closed).containsExactlyInAnyOrder("r0", "r1", "r2");
  }

  @Test
  void aFailingTaskStillClosesItsResourcesAndKeepsTheFailure() {
    assertThatThrownBy(() -> ctx.runTasks(2, p -> {
      ExecContext.closeAtTaskEnd(resource("r" + p));
      ExecContext.closeAtTaskEnd(() -> {
        throw new IllegalStateException("close failed " + p);
      });
      if (p == 1) {
        throw new IllegalArgumentException("task failed");
      }
      return p;
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("task failed")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("close failed 1"));
    assertThat(closed).containsExactlyInAnyOrder("r0", "r1");
  }

  @Test
  void aNestedStageClosesItsOwnResourcesFirst() {
    ctx.runTasks(1, outer -> {
      ExecContext.closeAtTaskEnd(resource("outer"));
      ctx.runTasks(1, inner -> {
        ExecContext.closeAtTaskEnd(resource("inner"));
        return inner;
      });
      assertThat(closed).containsExactly("inner");
      return outer;
    });
    assertThat(closed).containsExactly("inner", "outer");
  }

  @Test
  void outsideATaskAResourceClosesAtOnce() {
    ExecContext.closeAtTaskEnd(resource("now"));
    assertThat(closed).containsExactly("now");
  }
}
