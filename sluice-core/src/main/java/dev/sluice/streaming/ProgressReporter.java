package dev.sluice.streaming;

import dev.sluice.api.streaming.StreamingQueryListener;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.StreamingQueryProgress.SinkProgress;
import dev.sluice.api.streaming.StreamingQueryProgress.SourceProgress;
import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.connector.Offset;
import dev.sluice.connector.Sink;
import dev.sluice.connector.Source;
import dev.sluice.exec.ops.SourceScanExec;
import dev.sluice.streaming.ops.EventTimeWatermarkExec;
import dev.sluice.streaming.ops.StatefulOperator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a running query tells about itself, as Spark's ProgressReporter: a
 * {@link StreamingQueryProgress} per batch (rows, rates, durations, offsets, event time, state), the
 * last {@code numRecentProgressUpdates} of them, and the listener events for progress and idleness.
 */
final class ProgressReporter {
  /** Spark's progress time format; in a holder so a new JVM builds it only when the first report needs it. */
  private static final class Iso {
    static final DateTimeFormatter MILLIS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  }

  private final UUID id;
  private final UUID runId;
  private final String name;
  private final ListenerBus bus;
  private final Clock clock;
  private final int maxRecent;
  private final long idleEventIntervalMs;
  private final Deque<StreamingQueryProgress> recent = new ArrayDeque<>();

  private long lastTriggerStartMillis = -1;
  private String[] previousEnds;
  /** Clock time of the last progress or idle event; MIN_VALUE until the first trigger. */
  private volatile long lastNoExecutionEventMillis = Long.MIN_VALUE;

  ProgressReporter(UUID id, UUID runId, String name, ListenerBus bus, Clock clock, int maxRecent,
      long idleEventIntervalMs) {
    this.id = id;
    this.runId = runId;
    this.name = name;
    this.bus = bus;
    this.clock = clock;
    this.maxRecent = maxRecent;
    this.idleEventIntervalMs = idleEventIntervalMs;
  }

  /** What one finished batch measured, for its progress report. */
  record BatchOutcome(long batchId, long triggerStartMillis, Map<String, Long> durationsMs, List<Source> sources,
      StreamingPlanner planner, List<StatefulOperator> stateful, long watermarkMicros, long outputRows,
      Offset[] endOffsets, Offset[] latestOffsets, Sink sink) {}

  static String format(Instant at) {
    return Iso.MILLIS.format(at);
  }

  /** Builds, keeps and posts the progress of a batch. */
  void report(BatchOutcome b) {
    List<Source> sources = b.sources();
    long[] rowsBySource = new long[sources.size()];
    List<SourceScanExec> scans = b.planner().scans();
    for (int k = 0; k < scans.size(); k++) {
      rowsBySource[b.planner().scanSourceIds().get(k)] += scans.get(k).rowsRead();
    }
    long numInput = 0;
    for (long r : rowsBySource) {
      numInput += r;
    }
    double execSeconds = Math.max(b.durationsMs().getOrDefault("triggerExecution", 0L), 1) / 1000.0;
    double sinceLast = lastTriggerStartMillis < 0 ? 0 : (b.triggerStartMillis() - lastTriggerStartMillis) / 1000.0;
    lastTriggerStartMillis = b.triggerStartMillis();
    double inputRate = sinceLast > 0 ? numInput / sinceLast : 0.0;
    double processedRate = numInput / execSeconds;
    List<SourceProgress> sp = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      String start = previousEnds == null ? null : previousEnds[i];
      sp.add(new SourceProgress(s.description(), start, json(b.endOffsets()[i]), json(b.latestOffsets()[i]),
          rowsBySource[i], sinceLast > 0 ? rowsBySource[i] / sinceLast : 0.0, rowsBySource[i] / execSeconds,
          s.metrics(b.endOffsets()[i])));
    }
    previousEnds = new String[sp.size()];
    for (int i = 0; i < sp.size(); i++) {
      previousEnds[i] = sp.get(i).endOffset();
    }
    List<StateOperatorProgress> ops = new ArrayList<>();
    for (StatefulOperator op : b.stateful()) {
      ops.add(op.progress());
    }
    StreamingQueryProgress p = new StreamingQueryProgress(id, runId, name,
        format(Instant.ofEpochMilli(b.triggerStartMillis())), b.batchId(),
        b.durationsMs().getOrDefault("triggerExecution", 0L), numInput, inputRate, processedRate, b.durationsMs(),
        eventTime(b.planner().watermarks(), b.watermarkMicros()), ops, sp,
        new SinkProgress(b.sink().description(), b.outputRows(), Map.of()));
    synchronized (recent) {
      recent.addLast(p);
      while (recent.size() > maxRecent) {
        recent.removeFirst();
      }
    }
    lastNoExecutionEventMillis = clock.millis();
    bus.post(l -> l.onQueryProgress(new StreamingQueryListener.QueryProgressEvent(p)));
  }

  /** Spark's eventTime map: avg/max/min of the batch's event times and the watermark it ran with. */
  private static Map<String, String> eventTime(List<EventTimeWatermarkExec> wms, long watermarkMicros) {
    Map<String, String> eventTime = new LinkedHashMap<>();
    if (wms.isEmpty()) {
      return eventTime;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    double sum = 0;
    long count = 0;
    for (EventTimeWatermarkExec w : wms) {
      if (w.stats().count() > 0) {
        min = Math.min(min, w.stats().min());
        max = Math.max(max, w.stats().max());
        sum += (double) w.stats().avg() * w.stats().count();
        count += w.stats().count();
      }
    }
    if (count > 0) {
      eventTime.put("avg", iso((long) (sum / count)));
      eventTime.put("max", iso(max));
      eventTime.put("min", iso(min));
    }
    eventTime.put("watermark", iso(watermarkMicros));
    return eventTime;
  }

  /**
   * As Spark's ProgressReporter.updateIdleness: onQueryIdle is posted once the query has had no data
   * for {@code noDataProgressEventInterval}, then at most once per interval, not on every empty poll
   * (which, with the default trigger, would be a hundred events a second).
   */
  void idle(long triggerStartMillis) {
    long now = clock.millis();
    if (now - idleEventIntervalMs >= lastNoExecutionEventMillis) {
      if (lastNoExecutionEventMillis > Long.MIN_VALUE) {
        Instant idleAt = Instant.ofEpochMilli(triggerStartMillis);
        bus.post(l -> l.onQueryIdle(new StreamingQueryListener.QueryIdleEvent(id, runId, format(idleAt))));
      }
      lastNoExecutionEventMillis = now;
    }
  }

  StreamingQueryProgress last() {
    synchronized (recent) {
      return recent.peekLast();
    }
  }

  List<StreamingQueryProgress> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  private static String json(Offset o) {
    return o == null ? null : o.json();
  }

  private static String iso(long micros) {
    return Iso.MILLIS.format(Instant.ofEpochMilli(Math.floorDiv(micros, 1000)));
  }
}
