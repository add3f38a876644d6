package dev.sluice.conf;

import dev.sluice.types.DateTimeUtil;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session configuration: every key Sluice reads is declared here, with its default and meaning.
 * Keys use Spark's names with the {@code sluice.} prefix; the {@code spark.} spelling is accepted
 * too. Thread-safe.
 */
public final class SluiceConf {
  private static final Map<String, ConfigEntry<?>> ENTRIES = new LinkedHashMap<>();
  // One parser object per kind, shared by the entries: each lambda or method reference in the source
  // costs a new JVM a class to spin on first use, and this class is loaded before any query runs.
  private static final java.util.function.Function<String, Integer> INT = Integer::parseInt;
  private static final java.util.function.Function<String, Long> LONG = Long::parseLong;
  private static final java.util.function.Function<String, Boolean> BOOLEAN = SluiceConf::parseBoolean;
  private static final java.util.function.Function<String, Long> BYTES = SluiceConf::parseBytes;
  private static final java.util.function.Function<String, String> STRING = java.util.function.Function.identity();

  public static final ConfigEntry<Integer> SHUFFLE_PARTITIONS = define("sluice.sql.shuffle.partitions",
      null, INT,
      "Partitions for shuffles in aggregations and joins (default: the number of cores). "
          + "Fixed for a streaming query once its checkpoint exists.");
  public static final ConfigEntry<Boolean> ANSI_ENABLED = define("sluice.sql.ansi.enabled", "true",
      BOOLEAN,
      "ANSI SQL semantics: overflow, division by zero and invalid casts raise errors instead of returning NULL.");
  public static final ConfigEntry<String> SESSION_TIME_ZONE = define("sluice.sql.session.timeZone", "UTC", s -> {
    java.time.ZoneId zone;
    try {
      zone = java.time.ZoneId.of(s.trim());
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("'" + s + "' is not a time zone (use a region such as Europe/Paris, or an "
          + "offset such as +02:00)");
    }
    if (!zone.normalized().equals(java.time.ZoneOffset.UTC)) {
      // Refused rather than ignored: timestamps would silently print and parse in UTC.
      throw new IllegalArgumentException("only UTC is supported so far, so " + s + " would be ignored and every "
          + "timestamp shown and parsed in UTC; leave it at UTC and convert with from_utc_timestamp/to_utc_timestamp");
    }
    return s.trim();
  }, "Session time zone. Only UTC (or an equivalent: Z, GMT, +00:00, Etc/UTC) is supported so far; other zones are "
      + "refused rather than ignored.");
  public static final ConfigEntry<Integer> BATCH_SIZE = define("sluice.sql.execution.batchSize", "4096",
      INT, "Rows per column batch produced by sources and operators.");
  public static final ConfigEntry<Integer> EXECUTOR_THREADS = define("sluice.executor.threads", null,
      INT, "Worker threads for query tasks (default: the number of cores).");
  public static final ConfigEntry<String> OPTIMIZER_EXCLUDED_RULES = define("sluice.sql.optimizer.excludedRules",
      "", STRING, "Comma-separated optimizer rule names to switch off, for bisecting a wrong answer.");
  public static final ConfigEntry<String> PLAN_CHANGE_LOG_LEVEL = define("sluice.sql.planChangeLog.level",
      "off", STRING, "Log every analyzer and optimizer rule that changes a plan (rule, batch, plan before and "
          + "after) at this SLF4J level: trace, debug, info or warn; off logs nothing.");
  public static final ConfigEntry<Boolean> ADAPTIVE_COALESCE = define(
      "sluice.sql.adaptive.coalescePartitions.enabled", "true", BOOLEAN,
      "Batch queries: after a shuffle for an aggregation, window or deduplication, merge adjacent small "
          + "partitions so the next stage does not run many tiny tasks (as Spark's adaptive execution does).");
  public static final ConfigEntry<Long> ADVISORY_PARTITION_SIZE = define(
      "sluice.sql.adaptive.advisoryPartitionSizeInBytes", "64m", BYTES,
      "The largest size merged shuffle partitions aim for.");
  public static final ConfigEntry<Long> MIN_PARTITION_SIZE = define(
      "sluice.sql.adaptive.coalescePartitions.minPartitionSize", "1m", BYTES,
      "Merged shuffle partitions are at least this big (unless the whole shuffle is smaller).");
  public static final ConfigEntry<Long> MIN_BATCHES_TO_RETAIN = define("sluice.sql.streaming.minBatchesToRetain",
      "100", LONG, "How many batches of offset/commit logs and state versions a checkpoint keeps.");
  public static final ConfigEntry<Integer> MIN_DELTAS_FOR_SNAPSHOT = define(
      "sluice.sql.streaming.stateStore.minDeltasForSnapshot", "10", INT,
      "Delta files of a state store between snapshots.");
  public static final ConfigEntry<String> STATE_STORE_PROVIDER = define(
      "sluice.sql.streaming.stateStore.providerClass", "memory", STRING,
      "State store provider: 'memory' (default; checkpoint files when the query has a checkpoint), 'rocksdb'"
          + " (module sluice-state-rocksdb), another provider's short name, or a StateStoreProvider class name.");
  public static final ConfigEntry<Long> STATE_STORE_MEMORY_MAX_BYTES = define(
      "sluice.sql.streaming.stateStore.memory.maxBytes", null, BYTES,
      "How much heap the state of all in-memory state stores may take (an estimate, e.g. 512m or 2g; default: "
          + "half the max heap). State beyond it fails the batch with STATE_STORE_MEMORY_LIMIT_EXCEEDED, "
          + "suggesting the RocksDB provider, instead of running out of heap.");
  public static final ConfigEntry<String> WAREHOUSE_DIR = define("sluice.sql.warehouse.dir", "spark-warehouse",
      s -> s, "Where CREATE TABLE ... USING <file format> without a LOCATION keeps a managed table's files (one"
          + " folder per table, deleted by DROP TABLE); relative to the working directory, as Spark's default.");
  public static final ConfigEntry<Boolean> NO_DATA_MICRO_BATCHES = define(
      "sluice.sql.streaming.noDataMicroBatches.enabled", "true", BOOLEAN,
      "Run a micro-batch without new data when the watermark moved and state may be emitted or evicted.");
  public static final ConfigEntry<String> MULTIPLE_WATERMARK_POLICY = define(
      "sluice.sql.streaming.multipleWatermarkPolicy", "min", s -> {
        String v = s.toLowerCase(Locale.ROOT);
        if (!v.equals("min") && !v.equals("max")) {
          throw new IllegalArgumentException("must be 'min' or 'max'");
        }
        return v;
      }, "How the global watermark combines several inputs' watermarks: min (default) or max.");
  public static final ConfigEntry<Long> NUM_RECENT_PROGRESS = define(
      "sluice.sql.streaming.numRecentProgressUpdates", "100", LONG,
      "How many progress reports StreamingQuery.recentProgress keeps.");
  public static final ConfigEntry<Long> POLLING_DELAY_MS = define("sluice.sql.streaming.pollingDelay", "10ms",
      s -> DateTimeUtil.parseDuration(withUnit(s, "ms")) / 1000,
      "How long an idle query with the default trigger waits before asking its sources again.");
  public static final ConfigEntry<Long> NO_DATA_PROGRESS_EVENT_INTERVAL_MS = define(
      "sluice.sql.streaming.noDataProgressEventInterval", "10000ms",
      s -> DateTimeUtil.parseDuration(withUnit(s, "ms")) / 1000,
      "How long a query waits without new data before StreamingQueryListener.onQueryIdle, and then between "
          + "two idle events.");
  public static final ConfigEntry<Boolean> STOP_ACTIVE_RUN_ON_RESTART = define(
      "sluice.sql.streaming.stopActiveRunOnRestart", "true", BOOLEAN,
      "Starting a query whose checkpoint another active query of the session uses stops that run "
          + "(false: the start is refused).");
  public static final ConfigEntry<String> CHECKPOINT_LOCK_MODE = define(
      "sluice.sql.streaming.checkpoint.lockMode", "auto", s -> {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("auto") && !v.equals("lease") && !v.equals("none")) {
          throw new IllegalArgumentException("must be 'auto', 'lease' or 'none'");
        }
        return v;
      }, "How a running query keeps other runs off its checkpoint: auto (an operating-system file lock on "
          + "the local disk, a lease file on other file systems), lease (always the lease), none (nothing; "
          + "two runs on one checkpoint corrupt it).");
  public static final ConfigEntry<Long> CHECKPOINT_LEASE_DURATION_MS = define(
      "sluice.sql.streaming.checkpoint.leaseDuration", "30s",
      s -> DateTimeUtil.parseDuration(withUnit(s, "ms")) / 1000,
      "How long a checkpoint lease stays valid without renewal (it is renewed every third of it): a run "
          + "killed without stopping keeps its checkpoint this long, unless it ran on the same host.");
  public static final ConfigEntry<Boolean> STATE_SCHEMA_CHECK = define(
      "sluice.sql.streaming.stateStore.stateSchemaCheck", "true", BOOLEAN,
      "Whether a restart checks the state schema recorded in state/<operator>/_metadata against the query's "
          + "(false: the check is skipped and the file rewritten from the query, for a checkpoint whose file was "
          + "lost while the query stayed the same).");
  public static final ConfigEntry<String> CHECKPOINT_LOCATION = define("sluice.sql.streaming.checkpointLocation",
      null, STRING, "Default root folder for query checkpoints (a query's folder is <root>/<queryName>).");
  public static final ConfigEntry<Boolean> SCHEMA_INFERENCE = define("sluice.sql.streaming.schemaInference",
      "false", BOOLEAN, "Infer the schema of file streams instead of requiring one.");
  public static final ConfigEntry<Boolean> IGNORE_CORRUPT_FILES = define("sluice.sql.files.ignoreCorruptFiles",
      "false", BOOLEAN, "File sources skip the rest of a file that cannot be read (corrupt, truncated, not in its "
          + "format) with a warning, instead of failing; the option ignoreCorruptFiles overrides it per read.");
  public static final ConfigEntry<Boolean> IGNORE_MISSING_FILES = define("sluice.sql.files.ignoreMissingFiles",
      "false", BOOLEAN, "File sources skip a file deleted after it was listed instead of failing; the option "
          + "ignoreMissingFiles overrides it per read.");
  public static final ConfigEntry<Boolean> CASE_SENSITIVE = define("sluice.sql.caseSensitive", "false",
      BOOLEAN, "Whether column names are resolved case-sensitively.");

  private static <T> ConfigEntry<T> define(String key, String dflt, java.util.function.Function<String, T> parser,
      String doc) {
    ConfigEntry<T> e = new ConfigEntry<>(key, dflt, parser, doc);
    ENTRIES.put(key, e);
    return e;
  }

  private static boolean parseBoolean(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  /** {@code 1048576}, {@code 512k}, {@code 64m}, {@code 1g} (binary units, optional trailing b). */
  static long parseBytes(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    if (v.endsWith("b")) {
      v = v.substring(0, v.length() - 1);
    }
    long unit = 1;
    if (!v.isEmpty()) {
      char last = v.charAt(v.length() - 1);
      unit = switch (last) {
        case 'k' -> 1L << 10;
        case 'm' -> 1L << 20;
        case 'g' -> 1L << 30;
        case 't' -> 1L << 40;
        default -> 1;
      };
      if (unit > 1) {
        v = v.substring(0, v.length() - 1);
      }
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("must be a size in bytes such as 1048576, 512k, 64m or 1g");
    }
  }

  private static String withUnit(String s, String unit) {
    return s.matches("\\d+") ? s + " " + unit : s.replaceAll("(\\d)([a-z])", "$1 $2");
  }

  /** Every declared entry, for documentation. */
  public static Map<String, ConfigEntry<?>> entries() {
    return Collections.unmodifiableMap(ENTRIES);
  }

  private final Map<String, String> settings = new ConcurrentHashMap<>();

  public SluiceConf() {}

  public SluiceConf(Map<String, String> initial) {
    initial.forEach(this::set);
  }

  /** Maps a Spark key to its Sluice key; other keys unchanged. */
  public static String canonicalKey(String key) {
    if (key.startsWith("spark.")) {
      return "sluice." + key.substring("spark.".length());
    }
    return key;
  }

  /**
   * Keys read outside this class's entries (by name), which are known too: a misspelled key warns
   * (see {@link OptionNames}), these do not.
   */
  private static final java.util.Set<String> OTHER_KEYS = java.util.Set.of("sluice.app.name",
      "sluice.test.strictRules", "sluice.sql.timestampType", "sluice.sql.legacy.interval.enabled");

  /** Namespaces whose keys are handed on to other systems (Hadoop file systems), not read by Sluice. */
  private static final java.util.List<String> HANDED_ON = java.util.List.of("sluice.hadoop.");

  public void set(String key, String value) {
    String k = canonicalKey(key);
    ConfigEntry<?> e = ENTRIES.get(k);
    if (e != null) {
      e.parse(value);
    } else {
      OptionNames.checkConf(key, ENTRIES.keySet(), OTHER_KEYS, HANDED_ON);
    }
    settings.put(k, value);
  }

  public void unset(String key) {
    settings.remove(canonicalKey(key));
  }

  public <T> T get(ConfigEntry<T> e) {
    String v = settings.get(e.key());
    return v == null ? e.defaultValue() : e.parse(v);
  }

  public String getRaw(String key) {
    String k = canonicalKey(key);
    String v = settings.get(k);
    if (v == null) {
      ConfigEntry<?> e = ENTRIES.get(k);
      return e == null ? null : e.defaultText();
    }
    return v;
  }

  public boolean ansi() {
    return get(ANSI_ENABLED);
  }

  public int shufflePartitions() {
    Integer n = get(SHUFFLE_PARTITIONS);
    return n != null ? n : Runtime.getRuntime().availableProcessors();
  }

  public int executorThreads() {
    Integer n = get(EXECUTOR_THREADS);
    return n != null ? n : Runtime.getRuntime().availableProcessors();
  }

  public int batchSize() {
    return get(BATCH_SIZE);
  }

  public boolean caseSensitive() {
    return get(CASE_SENSITIVE);
  }

  /** A snapshot of the explicitly set values. */
  public Map<String, String> getAll() {
    return new LinkedHashMap<>(settings);
  }

  public SluiceConf copy() {
    SluiceConf c = new SluiceConf();
    c.settings.putAll(settings);
    return c;
  }
}
