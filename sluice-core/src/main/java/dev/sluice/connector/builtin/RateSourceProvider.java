package dev.sluice.connector.builtin;

import dev.sluice.conf.Options;
import dev.sluice.connector.InputPartition;
import dev.sluice.connector.LongOffset;
import dev.sluice.connector.Offset;
import dev.sluice.connector.ReadLimit;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileSystem;
import dev.sluice.fs.FileSystems;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code format("rate")}: generates {@code rowsPerSecond} rows per second with columns
 * {@code timestamp} and {@code value} (0, 1, 2, ...), as Spark's rate source. Options:
 * {@code rowsPerSecond} (default 1), {@code rampUpTime} (seconds to reach full speed, default 0),
 * {@code numPartitions} (default: cores). The offset is the number of whole seconds since the start,
 * and the start time is kept in the checkpoint, so a restarted query continues the same sequence.
 */
public final class RateSourceProvider implements SourceProvider {
  public static final StructType SCHEMA = new StructType()
      .add("timestamp", DataTypes.TimestampType, false)
      .add("value", DataTypes.LongType, false);

  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of("rowsPerSecond", "rampUpTime", "numPartitions");
  }

  @Override
  public String shortName() {
    return "rate";
  }

  @Override
  public StructType schema(SourceContext ctx) {
    if (ctx.userSchema() != null) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "schema", ctx.userSchema().toDDL(),
          "the rate source has a fixed schema (timestamp TIMESTAMP, value BIGINT); remove the schema");
    }
    return SCHEMA;
  }

  @Override
  public Source createSource(SourceContext ctx) {
    Options o = ctx.options();
    long rps = o.getLong("rowsPerSecond", 1);
    if (rps <= 0) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "rowsPerSecond", rps, "it must be positive");
    }
    long rampUp = parseSeconds(o.get("rampUpTime", "0"));
    int parts = o.getInt("numPartitions", Runtime.getRuntime().availableProcessors());
    if (parts <= 0) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "numPartitions", parts, "it must be positive");
    }
    return new RateSource(rps, rampUp, parts, ctx.metadataPath(), ctx.sessionConf());
  }

  private static long parseSeconds(String s) {
    String t = s.trim().toLowerCase();
    try {
      if (t.endsWith("s")) {
        t = t.substring(0, t.length() - 1);
      }
      return Long.parseLong(t.trim());
    } catch (NumberFormatException e) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "rampUpTime", s, "use a number of seconds, e.g. '5s'");
    }
  }

  static final class RateSource implements Source {
    private final long rowsPerSecond;
    private final long rampUpSeconds;
    private final int numPartitions;
    private final long startMillis;
    private long availableNowEndSecond = -1;

    RateSource(long rowsPerSecond, long rampUpSeconds, int numPartitions, String metadata,
        Map<String, String> conf) {
      this.rowsPerSecond = rowsPerSecond;
      this.rampUpSeconds = rampUpSeconds;
      this.numPartitions = numPartitions;
      this.startMillis = loadOrCreateStart(metadata, conf);
    }

    /** The start time, kept in the checkpoint's {@code sources/<n>/rate-start-time} (any file system). */
    private static long loadOrCreateStart(String metadata, Map<String, String> conf) {
      long now = System.currentTimeMillis();
      if (metadata == null) {
        return now;
      }
      FileSystem fs = FileSystems.get(metadata, conf);
      String f = FilePaths.join(metadata, "rate-start-time");
      try {
        if (!fs.exists(f) && fs.createAtomically(f, Long.toString(now).getBytes(StandardCharsets.UTF_8))) {
          return now;
        }
        return Long.parseLong(new String(fs.readAll(f), StandardCharsets.UTF_8).trim());
      } catch (IOException | NumberFormatException e) {
        throw new SluiceException(ErrorClass.INTERNAL_ERROR, e, "Cannot read or write the rate source start time in "
            + f + ": " + e.getMessage());
      }
    }

    /**
     * Rows generated in the first {@code seconds} seconds, as Spark's {@code valueAtSecond}: during the
     * ramp-up the speed grows by {@code rowsPerSecond / (rampUpTime + 1)} each second (e.g. 10 rows/s
     * over 4 s: 0, 2, 6, 12, 20 rows by second 0..4), afterwards {@code rowsPerSecond}.
     */
    long valueAtSecond(long seconds) {
      long delta = rowsPerSecond / (rampUpSeconds + 1);
      if (seconds <= rampUpSeconds) {
        // (delta * seconds) * (seconds + 1) / 2, halving the even factor first to avoid overflow
        return seconds % 2 == 1 ? (seconds + 1) / 2 * delta * seconds : seconds / 2 * delta * (seconds + 1);
      }
      return valueAtSecond(rampUpSeconds) + (seconds - rampUpSeconds) * rowsPerSecond;
    }

    @Override
    public StructType schema() {
      return SCHEMA;
    }

    @Override
    public Offset initialOffset() {
      return new LongOffset(0);
    }

    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
      long elapsed = (System.currentTimeMillis() - startMillis) / 1000;
      if (availableNowEndSecond >= 0) {
        elapsed = Math.min(elapsed, availableNowEndSecond);
      }
      return new LongOffset(Math.max(elapsed, start == null ? 0 : ((LongOffset) start).value()));
    }

    @Override
    public void prepareForTriggerAvailableNow() {
      availableNowEndSecond = (System.currentTimeMillis() - startMillis) / 1000;
    }

    @Override
    public List<InputPartition> planInputPartitions(Offset start, Offset end) {
      long s = start == null ? 0 : ((LongOffset) start).value();
      long e = ((LongOffset) end).value();
      long from = valueAtSecond(s);
      long to = valueAtSecond(e);
      List<InputPartition> parts = new ArrayList<>();
      if (to <= from) {
        return parts;
      }
      long firstSecond = s;
      long lastSecond = e;
      for (int p = 0; p < numPartitions; p++) {
        final int part = p;
        parts.add(() -> generate(from, to, part, firstSecond, lastSecond));
      }
      return parts;
    }

    /** Values v in [from, to) with v % numPartitions == part, and their timestamps. */
    private Iterator<ColumnBatch> generate(long from, long to, int part, long firstSecond, long lastSecond) {
      long first = from + Math.floorMod(part - from, numPartitions);
      return new Iterator<>() {
        long next = first;

        @Override
        public boolean hasNext() {
          return next < to;
        }

        @Override
        public ColumnBatch next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          int n = (int) Math.min(4096, (to - next + numPartitions - 1) / numPartitions);
          long[] ts = new long[n];
          long[] vals = new long[n];
          for (int i = 0; i < n; i++) {
            long v = next + (long) i * numPartitions;
            vals[i] = v;
            ts[i] = timestampOf(v, firstSecond, lastSecond) * 1000L;
          }
          next += (long) n * numPartitions;
          return new ColumnBatch(new ColumnVector[] {
              new LongVector(DataTypes.TimestampType, ts, n, null), new LongVector(DataTypes.LongType, vals, n, null)}, n);
        }
      };
    }

    /** Milliseconds: the start of the second the value belongs to, spread evenly within it. */
    private long timestampOf(long value, long firstSecond, long lastSecond) {
      long lo = firstSecond;
      long hi = lastSecond;
      while (lo < hi) {
        long mid = (lo + hi) >>> 1;
        if (valueAtSecond(mid + 1) <= value) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      long sec = lo;
      long base = valueAtSecond(sec);
      long inSecond = Math.max(1, valueAtSecond(sec + 1) - base);
      return startMillis + sec * 1000 + (value - base) * 1000 / inSecond;
    }

    @Override
    public Offset deserializeOffset(String json) {
      return LongOffset.parse(json);
    }

    @Override
    public String description() {
      return "RateStream[rowsPerSecond=" + rowsPerSecond + ", rampUpTimeSeconds=" + rampUpSeconds
          + ", numPartitions=" + numPartitions + "]";
    }
  }
}
