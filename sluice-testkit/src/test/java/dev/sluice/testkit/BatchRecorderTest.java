package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.streaming.OutputMode;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchRecorderTest {
  @Test
  void appendAndUpdateKeepEveryRowAndIgnoreReplayedBatches() {
    BatchRecorder r = new BatchRecorder(OutputMode.UPDATE);
    r.add(0, List.of(Row.of("a", 1L)));
    r.add(1, List.of(Row.of("a", 2L)));
    r.add(1, List.of(Row.of("a", 2L)));   // replayed after a restart
    assertThat(r.answer()).containsExactly(Row.of("a", 1L), Row.of("a", 2L));
    assertThat(r.dump()).contains("replayed batches ignored (already received): [1]");
  }

  @Test
  void completeModeAnswerIsTheLastBatch() {
    BatchRecorder r = new BatchRecorder(OutputMode.COMPLETE);
    assertThat(r.answer()).isEmpty();
    r.add(0, List.of(Row.of("a", 1L)));
    r.add(1, List.of(Row.of("a", 2L), Row.of("b", 1L)));
    assertThat(r.answer()).containsExactly(Row.of("a", 2L), Row.of("b", 1L));
    r.markStep();
    assertThat(r.lastStepRows()).containsExactly(Row.of("a", 2L), Row.of("b", 1L));
  }

  @Test
  void theLastStepIsTheBatchesSinceThePreviousMarkThatBroughtAny() {
    BatchRecorder r = new BatchRecorder(OutputMode.APPEND);
    r.markStep();
    assertThat(r.lastStepRows()).isEmpty();
    r.add(0, List.of(Row.of(1)));
    r.markStep();
    r.add(1, List.of(Row.of(2)));
    r.add(2, List.of(Row.of(3)));
    r.markStep();
    assertThat(r.lastStepBatchIds()).containsExactly(1L, 2L);
    assertThat(r.lastStepRows()).containsExactly(Row.of(2), Row.of(3));
    r.markStep();   // nothing new: the previous step stays the last one
    assertThat(r.lastStepRows()).containsExactly(Row.of(2), Row.of(3));
    assertThat(r.dump()).isEqualTo("batch 0: [1]\nbatch 1 (last step): [2]\nbatch 2 (last step): [3]\n");
  }
}
