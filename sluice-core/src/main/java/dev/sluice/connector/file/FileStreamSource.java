package dev.sluice.connector.file;

import dev.sluice.conf.Options;
import dev.sluice.connector.InputPartition;
import dev.sluice.connector.Offset;
import dev.sluice.connector.ReadLimit;
import dev.sluice.connector.SourceFilter;
import dev.sluice.connector.SupportsPushDown;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream of the files arriving in a folder ({@code readStream().format("json").load(dir)}). Each
 * offset is an entry of the source log in the checkpoint ({@link FileSourceLog}) listing the files
 * of one micro-batch.
 *
 * <p><b>Contract for writers of the folder:</b> a file must appear complete. Write it elsewhere (or
 * under a hidden name starting with '.' or '_', which the source ignores) and rename it into the
 * folder. A file is read once, when it is first listed; changes after that are not seen.
 *
 * <p><b>Listing:</b> every trigger reads the names in the folder tree; only names not in the
 * previous listing are looked at further (size and time fetched on the local disk, where a listing
 * gives names only), so a folder of 100,000 files costs one pass over the names per trigger.
 *
 * <p>Options (Spark's): {@code maxFilesPerTrigger}, {@code maxBytesPerTrigger}, {@code latestFirst},
 * {@code fileNameOnly}, {@code maxFileAge} (default 7d, relative to the newest file seen; ignored
 * with latestFirst and maxFilesPerTrigger), {@code pathGlobFilter}, {@code recursiveFileLookup},
 * {@code cleanSource} ({@code off}, {@code delete}, {@code archive} with {@code sourceArchiveDir}).
 * When the folder is the output of a Sluice file sink, the files come from the sink's log instead.
 */
final class FileStreamSource implements SupportsPushDown.PrunableSource {
  private static final Logger LOG = LoggerFactory.getLogger(FileStreamSource.class);

  /** Offset = the id of the newest source log entry included. */
  record FileOffset(long logOffset) implements Offset {
    @Override
    public String json() {
      return "{\"logOffset\":" + logOffset + "}";
    }
  }

  private final FileTable table;
  private final FileSourceLog log;
  private final long maxFiles;
  private final long maxBytes;
  private final boolean latestFirst;
  private final boolean fileNameOnly;
  private final long maxFileAgeMs;
  private final String cleanSource;
  private final String archiveDir;

  /** Seen files: key (path, or name with fileNameOnly) to modification time. */
  private final Map<String, Long> seen = new HashMap<>();
  private long maxSeenTimestamp = Long.MIN_VALUE;
  private long lastPurgeTimestamp = Long.MIN_VALUE;
  /** Names already listed, by folder: not looked at again. */
  private Map<String, Set<String>> known = new HashMap<>();
  private long knownCount;
  /** New files found by listings but not yet in a batch. */
  private final TreeSet<FileStatus> pending;
  private final Set<String> pendingPaths = new HashSet<>();
  /** Files per log entry, kept until committed. */
  private final TreeMap<Long, List<FileStatus>> batches = new TreeMap<>();
  private long maxLogId = -1;
  private Set<String> availableNow;
  private final boolean fromSinkLog;
  private long sinkLogRead = -1;
  private long lastListingMillis;
  private long lastListingNew;
  /** Files whose size and time the last listing fetched: the new names only, when the listing is incremental. */
  private long lastListingLookedAt;
  /** The source log entry the query resumed after (Long.MIN_VALUE before the first trigger), until the first commit. */
  private long resumedAt = Long.MIN_VALUE;

  /**
   * @param metadataFs the file system of the checkpoint, which holds the source log
   * @param metadataDir the source's folder in the checkpoint, or null without a checkpoint
   */
  FileStreamSource(FileTable table, FileSystem metadataFs, String metadataDir) {
    this.table = table;
    Options o = table.options();
    long mf = o.getLong("maxFilesPerTrigger", -1);
    if (o.contains("maxFilesPerTrigger") && mf <= 0) {
      // As Spark: a limit of 0 or less is a mistake, not "no limit".
      throw new SluiceException(ErrorClass.INVALID_OPTION, "maxFilesPerTrigger", mf, "it must be a positive integer");
    }
    this.maxFiles = mf <= 0 ? Long.MAX_VALUE : mf;
    long mb = o.contains("maxBytesPerTrigger") ? parseBytes(o.get("maxBytesPerTrigger")) : -1;
    if (o.contains("maxBytesPerTrigger") && mb <= 0) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "maxBytesPerTrigger", mb, "it must be a positive size");
    }
    this.maxBytes = mb <= 0 ? Long.MAX_VALUE : mb;
    this.latestFirst = o.getBoolean("latestFirst", false);
    this.fileNameOnly = o.getBoolean("fileNameOnly", false);
    long age = parseDurationMs(o.get("maxFileAge", "7d"));
    this.maxFileAgeMs = latestFirst && mf > 0 ? Long.MAX_VALUE : age;
    this.cleanSource = o.get("cleanSource", "off").trim().toLowerCase(Locale.ROOT);
    if (!Set.of("off", "delete", "archive").contains(cleanSource)) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "cleanSource", cleanSource, "use off, delete or archive");
    }
    this.archiveDir = o.get("sourceArchiveDir");
    if (cleanSource.equals("archive")) {
      if (archiveDir == null) {
        throw new SluiceException(ErrorClass.MISSING_OPTION, "cleanSource 'archive'", "sourceArchiveDir",
            "the folder to move processed files to");
      }
      String r = FilePaths.stripSlash(table.root());
      String a = FilePaths.stripSlash(archiveDir);
      if (a.equals(r) || a.startsWith(r + "/")) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "sourceArchiveDir", archiveDir,
            "it is inside the source folder " + table.root() + ", so archived files would be read again; "
                + "choose a folder outside it");
      }
    }
    Comparator<FileStatus> order = Comparator.comparingLong(FileStatus::modificationTime)
        .thenComparing(FileStatus::path);
    this.pending = new TreeSet<>(latestFirst ? order.reversed() : order);
    this.log = metadataDir == null ? null : new FileSourceLog(metadataFs, metadataDir, table.root());
    try {
      this.fromSinkLog = FileStatusCheck.isDir(table) && FileSinkLog.exists(table.fs(), table.root());
      if (log != null) {
        recover();
      }
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.FAILED_READ_FILE, e, metadataDir, "the file source log cannot be read: " + e);
    }
  }

  /** Loads the seen files from the newest compaction and the entries after it. */
  private void recover() throws IOException {
    TreeMap<Long, Boolean> ids = log.ids();
    if (ids.isEmpty()) {
      return;
    }
    maxLogId = ids.lastKey();
    Long compact = null;
    for (Map.Entry<Long, Boolean> e : ids.descendingMap().entrySet()) {
      if (e.getValue()) {
        compact = e.getKey();
        break;
      }
    }
    // Entries are written one after another and never purged: a gap means files of the log are lost.
    for (long id = compact == null ? 0 : compact; id <= maxLogId; id++) {
      if (!ids.containsKey(id)) {
        throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, log.dir(), "the file source log has entries up to "
            + maxLogId + " but entry " + id + " is missing, so the files of that batch are unknown and would be "
            + "read again");
      }
    }
    if (compact != null) {
      for (FileStatus f : log.readCompaction(compact)) {
        markSeen(f);
      }
    }
    for (long id : ids.keySet()) {
      if (compact == null || id > compact) {
        for (FileStatus f : log.read(id)) {
          markSeen(f);
        }
      }
    }
    if (fromSinkLog) {
      sinkLogRead = -1; // re-read the sink log; seen files are skipped
    }
    purge(); // as before the restart: files older than maxFileAge before the newest seen are not new
    LOG.info("File stream on {} resumes with {} files seen, source log entry {}", table.root(), seen.size(), maxLogId);
  }

  private String key(FileStatus f) {
    return fileNameOnly ? f.name() : f.path();
  }

  private void markSeen(FileStatus f) {
    seen.put(key(f), f.modificationTime());
    maxSeenTimestamp = Math.max(maxSeenTimestamp, f.modificationTime());
  }

  private boolean isNew(FileStatus f) {
    return f.modificationTime() >= lastPurgeTimestamp && !seen.containsKey(key(f));
  }

  /** Forgets seen files older than maxFileAge before the newest one: they are too old to be read anyway. */
  private void purge() {
    if (maxFileAgeMs == Long.MAX_VALUE || maxSeenTimestamp == Long.MIN_VALUE) {
      return;
    }
    lastPurgeTimestamp = maxSeenTimestamp - maxFileAgeMs;
    seen.values().removeIf(ts -> ts < lastPurgeTimestamp);
  }

  @Override
  public StructType schema() {
    return table.fullSchema();
  }

  @Override
  public Offset initialOffset() {
    return null;
  }

  @Override
  public ReadLimit defaultReadLimit() {
    return new ReadLimit(Long.MAX_VALUE, maxFiles, maxBytes);
  }

  @Override
  public Offset latestOffset(Offset start, ReadLimit limit) {
    long startId = start == null ? -1 : ((FileOffset) start).logOffset();
    if (resumedAt == Long.MIN_VALUE) {
      resumedAt = startId; // the first call after a start: the end of the last committed batch
      if (log != null && maxLogId < startId) {
        throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, log.dir(), "the query resumes after the file source "
            + "log's entry " + startId + " but the log " + (maxLogId < 0 ? "is empty or was deleted" : "ends at entry "
            + maxLogId) + ", so every file it listed would be read again");
      }
    }
    if (maxLogId > startId) {
      // Entries written before a restart (or by an earlier call): one batch per entry, each within its limit.
      return new FileOffset(startId + 1);
    }
    try {
      refresh();
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.FAILED_READ_FILE, e, table.root(), "listing new files failed: " + e);
    }
    List<FileStatus> batch = take(limit);
    if (batch.isEmpty()) {
      return start;
    }
    long id = maxLogId + 1;
    // Writes under the checkpoint, not reads of the input folder: a failure (a full disk) names the file.
    String writing = log == null ? null : log.path(id);
    try {
      if (log != null) {
        log.write(id, batch);
      }
      maxLogId = id;
      batches.put(id, batch);
      for (FileStatus f : batch) {
        markSeen(f);
        pending.remove(f);
        pendingPaths.remove(f.path());
      }
      purge();
      if (log != null && (id + 1) % FileSourceLog.COMPACT_INTERVAL == 0) {
        List<FileStatus> all = new ArrayList<>();
        seen.forEach((k, ts) -> all.add(new FileStatus(k, false, 0, ts)));
        writing = log.path(id) + ".compact";
        log.writeCompaction(id, all);
      }
      return new FileOffset(id);
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.CHECKPOINT_WRITE_FAILED, e, writing, "writing the file source log failed: "
          + e);
    }
  }

  /** Lists the folder, adding new files to the pending set. */
  private void refresh() throws IOException {
    long t0 = System.nanoTime();
    List<FileStatus> found = new ArrayList<>();
    if (fromSinkLog) {
      FileSinkLog sinkLog = new FileSinkLog(table.fs(), table.root());
      long[] newest = new long[1];
      for (FileSinkLog.SinkFile f : sinkLog.filesAfter(sinkLogRead, newest)) {
        found.add(new FileStatus(sinkLog.resolve(f), false, f.size(), f.modificationTime()));
      }
      sinkLogRead = newest[0];
    } else {
      FileStatus top = table.fs().stat(table.root());
      if (top != null && !top.isDirectory()) {
        Set<String> one = known.computeIfAbsent("", k -> new HashSet<>());
        if (one.add(top.path())) {
          found.add(top);
        }
      } else {
        long[] hits = new long[1];
        table.walk(table.root(), (d, n) -> {
          Set<String> names = known.get(d);
          if (names != null && names.contains(n)) {
            hits[0]++;
            return true;
          }
          return false;
        }, found);
        if (hits[0] < knownCount) {
          forgetRemoved(); // some names are gone (cleanSource, or removed by someone): keep the set bounded
        }
        for (FileStatus f : found) {
          String parent = FilePaths.parent(f.path());
          if (known.computeIfAbsent(parent == null ? "" : parent, k -> new HashSet<>()).add(f.name())) {
            knownCount++;
          }
        }
      }
    }
    int added = 0;
    for (FileStatus f : found) {
      if (isNew(f) && !pendingPaths.contains(f.path())) {
        pending.add(f);
        pendingPaths.add(f.path());
        added++;
      }
    }
    lastListingNew = added;
    lastListingLookedAt = found.size();
    lastListingMillis = (System.nanoTime() - t0) / 1_000_000;
  }

  /** Drops known names no longer in their folders (one names-only pass over the folders known). */
  private void forgetRemoved() throws IOException {
    long count = 0;
    for (Map.Entry<String, Set<String>> e : known.entrySet()) {
      Set<String> present = new HashSet<>(table.fs().listNames(e.getKey()));
      e.getValue().retainAll(present);
      count += e.getValue().size();
    }
    known.values().removeIf(Set::isEmpty);
    knownCount = count;
  }

  private List<FileStatus> take(ReadLimit limit) {
    List<FileStatus> out = new ArrayList<>();
    long bytes = 0;
    // ALL (Trigger.Once) is a hard requirement, as Spark's ReadAllAvailable: the source's own
    // maxFilesPerTrigger / maxBytesPerTrigger do not apply then.
    long files = limit.isAll() ? Long.MAX_VALUE : Math.min(limit.maxFiles(), maxFiles);
    long maxB = limit.isAll() ? Long.MAX_VALUE : Math.min(limit.maxBytes(), maxBytes);
    for (FileStatus f : pending) {
      if (availableNow != null && !availableNow.contains(f.path())) {
        continue;
      }
      if (out.size() >= files || (!out.isEmpty() && bytes + f.length() > maxB)) {
        break;
      }
      out.add(f);
      bytes += f.length();
    }
    return out;
  }

  @Override
  public Offset reportLatestOffset(Offset start) {
    return null;
  }

  @Override
  public void prepareForTriggerAvailableNow() {
    try {
      refresh();
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.FAILED_READ_FILE, e, table.root(), "listing files failed: " + e);
    }
    availableNow = new HashSet<>(pendingPaths);
  }

  @Override
  public List<InputPartition> planInputPartitions(Offset start, Offset end) {
    return planInputPartitions(start, end, table.fullSchema());
  }

  @Override
  public List<InputPartition> planInputPartitions(Offset start, Offset end, StructType required) {
    return planInputPartitions(start, end, required, List.of());
  }

  @Override
  public List<InputPartition> planInputPartitions(Offset start, Offset end, StructType required,
      List<SourceFilter> filters) {
    long from = start == null ? -1 : ((FileOffset) start).logOffset();
    long to = ((FileOffset) end).logOffset();
    List<FileStatus> files = new ArrayList<>();
    for (long id = from + 1; id <= to; id++) {
      files.addAll(filesOf(id));
    }
    // Files whose partition folder a filter rules out are part of the batch (seen, and cleaned by
    // cleanSource) but not opened: the same files are pruned the same way when the batch replays.
    return table.plan(PartitionPruning.prune(table, files, filters), required, filters);
  }

  private List<FileStatus> filesOf(long id) {
    List<FileStatus> b = batches.get(id);
    if (b != null) {
      return b;
    }
    if (log == null) {
      throw new IllegalStateException("File source entry " + id + " is not known");
    }
    try {
      if (!log.ids().containsKey(id)) {
        throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, log.dir(), "the batch to run reads the files of the "
            + "file source log's entry " + id + ", which is missing (the log was deleted or truncated)");
      }
      List<FileStatus> files = log.read(id);
      batches.put(id, files);
      return files;
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.FAILED_READ_FILE, e, log.path(id), "the file source log entry " + id
          + " (in the checkpoint) cannot be read: " + e);
    }
  }

  @Override
  public void commit(Offset end) {
    long to = ((FileOffset) end).logOffset();
    if (!cleanSource.equals("off")) {
      if (resumedAt >= 0 && resumedAt < to && log != null) {
        // The first commit after a restart: the last batch committed before it may have stopped (or
        // crashed) after its commit log entry but before its files were cleaned, as Spark cleans them.
        try {
          for (FileStatus f : log.read(resumedAt)) {
            if (table.fs().exists(f.path())) {
              clean(List.of(f));
            }
          }
        } catch (IOException e) {
          LOG.warn("cleanSource={} failed for the files of source log entry {}: {}", cleanSource, resumedAt,
              e.toString());
        }
      }
      // The files of the batches this run planned.
      for (List<FileStatus> files : batches.headMap(to, true).values()) {
        clean(files);
      }
    }
    resumedAt = -1;
    batches.headMap(to, true).clear();
  }

  private void clean(List<FileStatus> files) {
    for (FileStatus f : files) {
      try {
        if (cleanSource.equals("delete")) {
          table.fs().delete(f.path(), false);
        } else {
          String rel = FilePaths.relativize(table.root(), f.path());
          String target = FilePaths.join(archiveDir, rel == null ? f.name() : rel);
          if (!table.fs().rename(f.path(), target)) {
            LOG.warn("Could not archive {} to {} (missing, or the target exists)", f.path(), target);
          }
        }
      } catch (IOException e) {
        LOG.warn("cleanSource={} failed for {}: {}", cleanSource, f.path(), e.toString());
      }
    }
  }

  @Override
  public Offset deserializeOffset(String json) {
    String s = json.trim();
    try {
      if (s.startsWith("{")) {
        int colon = s.indexOf(':');
        return new FileOffset(Long.parseLong(s.substring(colon + 1, s.indexOf('}')).trim()));
      }
      return new FileOffset(Long.parseLong(s));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + json + "' is not a file source offset", e);
    }
  }

  @Override
  public String description() {
    return "FileStreamSource[" + table.root() + "]";
  }

  @Override
  public Map<String, String> metrics(Offset latestConsumed) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("listingMs", Long.toString(lastListingMillis));
    m.put("newFilesListed", Long.toString(lastListingNew));
    m.put("filesLookedAt", Long.toString(lastListingLookedAt));
    m.put("filesPending", Integer.toString(pending.size()));
    return m;
  }

  /** Milliseconds of a duration such as "7d", "1h", "30 minutes", "500ms". */
  static long parseDurationMs(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]+)").matcher(t);
    if (m.matches()) {
      try {
        return Math.round(Double.parseDouble(m.group(1)) * DateTimeUtil.unitMicros(m.group(2), s) / 1000.0);
      } catch (IllegalArgumentException e) {
        // fall through
      }
    }
    try {
      return DateTimeUtil.parseDuration(s) / 1000;
    } catch (IllegalArgumentException e) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "maxFileAge", s, "use a duration such as '7d' or '1h'");
    }
  }

  static long parseBytes(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    long mult = 1;
    for (String[] u : new String[][] {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1024"},
        {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}}) {
      if (t.endsWith(u[0])) {
        mult = Long.parseLong(u[1]);
        t = t.substring(0, t.length() - u[0].length());
        break;
      }
    }
    try {
      return Long.parseLong(t) * mult;
    } catch (NumberFormatException e) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "maxBytesPerTrigger", s, "use a number of bytes, e.g. 10mb");
    }
  }

  /** Small helper so the constructor can check the root without a try block. */
  static final class FileStatusCheck {
    private FileStatusCheck() {}

    static boolean isDir(FileTable t) throws IOException {
      FileStatus s = t.fs().stat(t.root());
      return s != null && s.isDirectory();
    }
  }
}
