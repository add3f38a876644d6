package dev.sluice.testkit;

import dev.sluice.api.streaming.OutputMode;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sink a {@link StreamTest} owns: every micro-batch's rows by batch id, across restarts of the
 * query. A batch id seen before (a batch replayed after a restart) is ignored, as an idempotent sink
 * would, so replays do not double count. Written by the query thread, read by the test thread:
 * thread-safe.
 */
final class BatchRecorder {
  private final OutputMode mode;
  private final TreeMap<Long, List<Row>> batches = new TreeMap<>();
  private final List<Long> ignoredReplays = new ArrayList<>();
  /** Highest batch id seen at the latest {@link #markStep()}. */
  private long markedUpTo = Long.MIN_VALUE;
  /** The batches of the latest processing step that wrote any. */
  private List<Long> lastStep = List.of();

  BatchRecorder(OutputMode mode) {
    this.mode = mode;
  }

  synchronized void add(long batchId, List<Row> rows) {
    if (!batches.isEmpty() && batchId <= batches.lastKey()) {
      ignoredReplays.add(batchId);
      return;
    }
    batches.put(batchId, List.copyOf(rows));
  }

  /** Ends a processing step: the batches that arrived since the previous mark become "the last step". */
  synchronized void markStep() {
    List<Long> fresh = new ArrayList<>(batches.tailMap(markedUpTo, false).keySet());
    if (!fresh.isEmpty()) {
      lastStep = fresh;
      markedUpTo = fresh.get(fresh.size() - 1);
    }
  }

  /**
   * What the sink holds: the last batch in complete mode (each batch is the whole result), every
   * row received in append and update mode.
   */
  synchronized List<Row> answer() {
    if (batches.isEmpty()) {
      return List.of();
    }
    if (mode == OutputMode.COMPLETE) {
      return batches.lastEntry().getValue();
    }
    List<Row> all = new ArrayList<>();
    batches.values().forEach(all::addAll);
    return all;
  }

  /** The rows of the last processing step: its last batch in complete mode, all its batches otherwise. */
  synchronized List<Row> lastStepRows() {
    if (lastStep.isEmpty()) {
      return List.of();
    }
    if (mode == OutputMode.COMPLETE) {
      return batches.get(lastStep.get(lastStep.size() - 1));
    }
    List<Row> out = new ArrayList<>();
    for (long id : lastStep) {
      out.addAll(batches.get(id));
    }
    return out;
  }

  synchronized List<Long> lastStepBatchIds() {
    return List.copyOf(lastStep);
  }

  synchronized int numBatches() {
    return batches.size();
  }

  /** Every batch, one per line, for failure messages. */
  synchronized String dump() {
    StringBuilder sb = new StringBuilder();
    if (batches.isEmpty()) {
      sb.append("(no batches)\n");
    }
    for (Map.Entry<Long, List<Row>> e : batches.entrySet()) {
      sb.append("batch ").append(e.getKey());
      if (lastStep.contains(e.getKey())) {
        sb.append(" (last step)");
      }
      sb.append(": ");
      List<Row> rows = e.getValue();
      if (rows.isEmpty()) {
        sb.append("(no rows)");
      }
      for (int i = 0; i < rows.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(rows.get(i));
      }
      sb.append('\n');
    }
    if (!ignoredReplays.isEmpty()) {
      sb.append("replayed batches ignored (already received): ").append(ignoredReplays).append('\n');
    }
    return sb.toString();
  }
}
