package dev.sluice.connector.file;

import dev.sluice.conf.Options;
import dev.sluice.connector.InputPartition;
import dev.sluice.connector.SourceFilter;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.DataType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A folder of files in one format: where it is, its file system, the data schema of its files and
 * the partition columns of its {@code key=value} folders. Lists files (all of them for a batch read,
 * only new names for a stream), and plans the reading of a list of files into input partitions.
 */
public final class FileTable {
  private final FileFormat format;
  private final FileSystem fs;
  private final String root;
  private final Options options;
  private final FormatContext formatContext;
  private final PathMatcher nameFilter;
  private final boolean recursiveFileLookup;
  private final int parallelism;
  private StructType dataSchema;
  private StructType partitionSchema = new StructType();
  private StructType fullSchema;

  public FileTable(FileFormat format, Options options, Map<String, String> sessionConf) {
    this.format = format;
    // A copy: providers cache tables by the identity of the relation's options, weakly. The session's
    // ignoreCorruptFiles/ignoreMissingFiles apply where the read does not set the option.
    Map<String, String> own = new HashMap<>(options.asMap());
    for (String o : List.of(CorruptFiles.OPTION, "ignoreMissingFiles")) {
      String conf = sessionConf.get("sluice.sql.files." + o);
      if (conf != null && !options.contains(o)) {
        own.put(o, conf);
      }
    }
    this.options = new Options(own);
    this.root = FilePaths.stripSlash(options.require("path", format.shortName() + " source or sink", "pass the folder, e.g. load(\"/data/in\")"
        + " or OPTIONS (path '/data/in')").trim());
    Map<String, String> fsOptions = new HashMap<>(sessionConf);
    fsOptions.putAll(options.asMap());
    this.fs = dev.sluice.fs.FileSystems.get(root, fsOptions);
    ZoneId zone = ZoneId.of(sessionConf.getOrDefault("sluice.sql.session.timeZone", "UTC"));
    int batchSize = Integer.parseInt(sessionConf.getOrDefault("sluice.sql.execution.batchSize", "4096"));
    this.formatContext = new FormatContext(this.options, zone, batchSize);
    String glob = options.get("pathGlobFilter");
    this.nameFilter = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
    this.recursiveFileLookup = options.getBoolean("recursiveFileLookup", false);
    String threads = sessionConf.get("sluice.executor.threads");
    this.parallelism = threads != null ? Integer.parseInt(threads) : Runtime.getRuntime().availableProcessors();
  }

  public FileFormat format() {
    return format;
  }

  public FileSystem fs() {
    return fs;
  }

  public String root() {
    return root;
  }

  public Options options() {
    return options;
  }

  public FormatContext formatContext() {
    return formatContext;
  }

  public StructType dataSchema() {
    return dataSchema;
  }

  public StructType partitionSchema() {
    return partitionSchema;
  }

  public StructType fullSchema() {
    return fullSchema;
  }

  // ------------------------------------------------------------------ schema

  /**
   * Resolves the schema: the user's schema (or the format's fixed one) if given, else inferred from the
   * files when {@code mayInfer}; partition columns found in folder names are added at the end unless
   * the user's schema names them.
   */
  public FileTable resolve(StructType userSchema, boolean mayInfer, String streamHint) {
    List<FileStatus> files = null;
    Map<String, List<String>> partitionValues = new LinkedHashMap<>();
    if (!recursiveFileLookup) {
      files = listAllQuietly();
      for (FileStatus f : files) {
        String rel = FilePaths.relativize(root, f.path());
        if (rel != null) {
          Partitions.parse(rel).forEach((k, v) -> partitionValues.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
      }
    }
    StructType fixed = format.fixedSchema(formatContext);
    StructType data;
    if (userSchema != null) {
      data = userSchema;
    } else if (fixed != null) {
      data = fixed;
    } else {
      if (!mayInfer) {
        throw new SluiceException(ErrorClass.UNABLE_TO_INFER_SCHEMA, format.shortName().toUpperCase(java.util.Locale.ROOT)
            + " stream at " + root, streamHint);
      }
      if (files == null) {
        files = listAllQuietly();
      }
      List<FileStatus> all = files;
      List<FileStatus> dataFiles = all.stream().filter(f -> f.length() > 0 || all.size() == 1).toList();
      try {
        data = dataFiles.isEmpty() ? null : format.inferSchema(fs, dataFiles, formatContext);
      } catch (IOException | RuntimeException e) {
        if (e instanceof RuntimeException r && !CorruptFiles.isReadFailure(r)) {
          throw r;
        }
        // Formats name the file that failed; this is for a failure outside any one file.
        throw new SluiceException(ErrorClass.FAILED_READ_FILE, e, root, e.toString());
      }
      if (data == null) {
        throw new SluiceException(ErrorClass.UNABLE_TO_INFER_SCHEMA, format.shortName().toUpperCase(java.util.Locale.ROOT),
            files.isEmpty() ? "there are no files in " + root : "the files in " + root + " hold no records");
      }
      for (String p : partitionValues.keySet()) {
        int i = data.indexOf(p);
        if (i >= 0) {
          data = remove(data, i); // a partition column that is also in the data: the folder value wins
        }
      }
    }
    List<StructField> partFields = new ArrayList<>();
    List<StructField> dataFields = new ArrayList<>();
    for (StructField f : data) {
      if (partitionValues.containsKey(f.name())) {
        partFields.add(f);
      } else {
        dataFields.add(f);
      }
    }
    List<StructField> full = new ArrayList<>(data.fields());
    for (Map.Entry<String, List<String>> e : partitionValues.entrySet()) {
      if (data.indexOf(e.getKey()) < 0) {
        StructField f = new StructField(e.getKey(), Partitions.inferType(e.getValue()), true);
        partFields.add(f);
        full.add(f);
      }
    }
    this.dataSchema = new StructType(dataFields);
    this.partitionSchema = new StructType(partFields);
    this.fullSchema = new StructType(full);
    return this;
  }

  private static StructType remove(StructType s, int i) {
    List<StructField> fs = new ArrayList<>(s.fields());
    fs.remove(i);
    return new StructType(fs);
  }

  // ------------------------------------------------------------------ listing

  private List<FileStatus> listAllQuietly() {
    try {
      return listAll();
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.FAILED_READ_FILE, e, root, "the folder cannot be listed: " + e);
    }
  }

  /**
   * Every data file under the root: the files a file sink committed when the folder has its log,
   * else all files in it and its sub-folders except hidden ones (names starting with '.' or '_').
   */
  public List<FileStatus> listAll() throws IOException {
    FileStatus top = fs.stat(root);
    if (top == null) {
      throw new SluiceException(ErrorClass.PATH_NOT_FOUND, root);
    }
    if (!top.isDirectory()) {
      return List.of(top);
    }
    if (FileSinkLog.exists(fs, root)) {
      FileSinkLog log = new FileSinkLog(fs, root);
      List<FileStatus> out = new ArrayList<>();
      for (FileSinkLog.SinkFile f : log.allFiles()) {
        out.add(new FileStatus(log.resolve(f), false, f.size(), f.modificationTime()));
      }
      return out;
    }
    List<FileStatus> out = new ArrayList<>();
    walk(root, (d, n) -> false, out);
    out.sort(Comparator.comparing(FileStatus::path));
    return out;
  }

  /**
   * Lists the folder tree, skipping hidden names and the names {@code known} accepts (given the
   * folder and the name) without fetching their details: the incremental listing of a stream.
   */
  public void walk(String dir, java.util.function.BiPredicate<String, String> known, List<FileStatus> out)
      throws IOException {
    List<FileStatus> entries = fs.list(dir, name -> FilePaths.isHidden(name) || known.test(dir, name));
    for (FileStatus s : entries) {
      if (s.isDirectory()) {
        walk(s.path(), known, out);
      } else if (nameFilter == null || nameFilter.matches(Paths.get(s.name()))) {
        out.add(s);
      }
    }
  }

  // ------------------------------------------------------------------ reading

  /** Partitions reading {@code files} (packed by size, about one per worker thread), producing {@code required}. */
  public List<InputPartition> plan(List<FileStatus> files, StructType required, List<SourceFilter> filters) {
    if (files.isEmpty()) {
      return List.of();
    }
    ReadPlan plan = readPlan(required, filters);
    int bins = Math.max(1, Math.min(files.size(), parallelism * 2));
    List<List<FileStatus>> groups = new ArrayList<>();
    long[] load = new long[bins];
    for (int i = 0; i < bins; i++) {
      groups.add(new ArrayList<>());
    }
    List<FileStatus> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(FileStatus::length).reversed().thenComparing(FileStatus::path));
    for (FileStatus f : bySize) {
      int best = 0;
      for (int i = 1; i < bins; i++) {
        if (load[i] < load[best]) {
          best = i;
        }
      }
      groups.get(best).add(f);
      load[best] += Math.max(f.length(), 0) + 4096;
    }
    List<InputPartition> parts = new ArrayList<>();
    for (List<FileStatus> g : groups) {
      if (!g.isEmpty()) {
        g.sort(Comparator.comparing(FileStatus::path));
        parts.add(new FileScanPartition(this, plan, List.copyOf(g)));
      }
    }
    return parts;
  }

  /** How to turn the format's batches into rows of {@code required}. */
  record ReadPlan(StructType required, StructType requiredData, int[] source, List<SourceFilter> filters) {}

  private ReadPlan readPlan(StructType required, List<SourceFilter> filters) {
    List<StructField> data = new ArrayList<>();
    int[] source = new int[required.size()];
    for (int i = 0; i < required.size(); i++) {
      StructField f = required.field(i);
      int p = partitionSchema.indexOf(f.name());
      if (p >= 0 && dataSchema.indexOf(f.name()) < 0) {
        source[i] = -1 - p;
      } else {
        source[i] = data.size();
        data.add(f);
      }
    }
    Set<String> dataNames = new LinkedHashSet<>();
    for (StructField f : dataSchema) {
      dataNames.add(f.name());
    }
    List<SourceFilter> dataFilters = new ArrayList<>();
    for (SourceFilter f : filters) {
      if (columnsOf(f).stream().allMatch(dataNames::contains)) {
        dataFilters.add(f);
      }
    }
    return new ReadPlan(required, new StructType(data), source, dataFilters);
  }

  /** The partition values of a file, in the order of {@link #partitionSchema()}. */
  Object[] partitionValues(FileStatus file) {
    Object[] out = new Object[partitionSchema.size()];
    if (out.length == 0) {
      return out;
    }
    String rel = FilePaths.relativize(root, file.path());
    Map<String, String> kv = rel == null ? Map.of() : Partitions.parse(rel);
    for (int i = 0; i < out.length; i++) {
      DataType t = partitionSchema.field(i).dataType();
      out[i] = Partitions.convert(kv.get(partitionSchema.field(i).name()), t);
    }
    return out;
  }

  static Set<String> columnsOf(SourceFilter f) {
    Set<String> out = new LinkedHashSet<>();
    collect(f, out);
    return out;
  }

  private static void collect(SourceFilter f, Set<String> out) {
    if (f instanceof SourceFilter.And x) {
      collect(x.left(), out);
      collect(x.right(), out);
    } else if (f instanceof SourceFilter.Or x) {
      collect(x.left(), out);
      collect(x.right(), out);
    } else if (f instanceof SourceFilter.Not x) {
      collect(x.child(), out);
    } else {
      out.add(SourceFilters.column(f));
    }
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
