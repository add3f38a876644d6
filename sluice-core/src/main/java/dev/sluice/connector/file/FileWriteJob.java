package dev.sluice.connector.file;

import dev.sluice.connector.SinkBatch;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes the rows of one batch into new files, one task per partition of the batch, in parallel:
 * a folder per value of the {@code partitionBy} columns ({@code key=value/...}, the columns are not
 * stored in the files), a new file every {@code maxRecordsPerFile} rows, names
 * {@code part-<task>-<job uuid>.c<n><ext>} that never collide with existing files.
 */
final class FileWriteJob {
  /** A written file, its path relative to the folder written into. */
  record Written(String relativePath, long size, long modificationTime) {}

  private final FileSystem fs;
  private final FileFormat format;
  private final FormatContext ctx;
  private final StructType schema;
  private final int[] partitionOrdinals;
  private final int[] dataOrdinals;
  private final StructType dataSchema;
  private final long maxRecordsPerFile;

  FileWriteJob(FileSystem fs, FileFormat format, FormatContext ctx, StructType schema) {
    this.fs = fs;
    this.format = format;
    this.ctx = ctx;
    this.schema = schema;
    List<String> parts = partitionColumns(ctx.options().get("partitionBy"));
    partitionOrdinals = new int[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      int idx = schema.indexOf(parts.get(i));
      if (idx < 0) {
        throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + parts.get(i) + "` (in partitionBy)",
            String.join(", ", schema.fieldNames()));
      }
      partitionOrdinals[i] = idx;
    }
    List<StructField> data = new ArrayList<>();
    List<Integer> dataIdx = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      if (!parts.contains(schema.field(i).name())) {
        data.add(schema.field(i));
        dataIdx.add(i);
      }
    }
    if (data.isEmpty() && !parts.isEmpty()) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "partitionBy", "all the columns are partition "
          + "columns; at least one column must be written into the files");
    }
    dataSchema = new StructType(data);
    dataOrdinals = dataIdx.stream().mapToInt(Integer::intValue).toArray();
    format.checkWriteSchema(dataSchema);
    long m = ctx.options().getLong("maxRecordsPerFile", 0);
    maxRecordsPerFile = m <= 0 ? Long.MAX_VALUE : m;
  }

  static List<String> partitionColumns(String option) {
    List<String> out = new ArrayList<>();
    if (option == null || option.isBlank()) {
      return out;
    }
    for (String s : option.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  /**
   * Writes every partition of {@code data} under {@code targetDir}; with {@code emptyFile} a batch
   * without rows still writes one empty file (so a folder written by a batch job keeps its schema).
   */
  List<Written> write(SinkBatch data, String targetDir, boolean emptyFile) {
    String job = UUID.randomUUID().toString();
    List<Future<List<Written>>> tasks = new ArrayList<>();
    boolean anyRows = data.numRows() > 0;
    for (int p = 0; p < data.numPartitions(); p++) {
      int task = p;
      List<ColumnBatch> batches = data.partitions().get(p);
      boolean forceFile = emptyFile && !anyRows && p == 0;
      tasks.add(data.executor().submit(() -> writeTask(task, job, batches, targetDir, forceFile)));
    }
    if (data.numPartitions() == 0 && emptyFile) {
      tasks.add(data.executor().submit(() -> writeTask(0, job, List.of(), targetDir, true)));
    }
    List<Written> out = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<List<Written>> f : tasks) {
      try {
        out.addAll(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new SluiceException(ErrorClass.TASK_WRITE_FAILED, e, targetDir, "interrupted");
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (failure == null) {
          failure = c instanceof SluiceException se ? se
              : new SluiceException(ErrorClass.TASK_WRITE_FAILED, c, targetDir, String.valueOf(c));
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  private final class OpenFile {
    final String relativeDir;
    FileFormat.OutputWriter writer;
    String relativePath;
    long records;
    int counter;

    OpenFile(String relativeDir) {
      this.relativeDir = relativeDir;
    }
  }

  private List<Written> writeTask(int task, String job, List<ColumnBatch> batches, String targetDir, boolean force)
      throws IOException {
    Map<String, OpenFile> open = new LinkedHashMap<>();
    List<String> written = new ArrayList<>();
    Map<String, Integer> counters = new HashMap<>();
    try {
      for (ColumnBatch b : batches) {
        ColumnBatch dataBatch = b.project(dataOrdinals);
        for (int r = 0; r < b.numRows(); r++) {
          String dir = partitionDir(b, r);
          OpenFile f = open.get(dir);
          if (f == null) {
            f = new OpenFile(dir);
            open.put(dir, f);
          }
          if (f.writer == null || f.records >= maxRecordsPerFile) {
            roll(f, task, job, targetDir, counters, written);
          }
          f.writer.write(dataBatch, r);
          f.records++;
        }
      }
      if (force && open.isEmpty()) {
        OpenFile f = new OpenFile("");
        open.put("", f);
        roll(f, task, job, targetDir, counters, written);
      }
      for (OpenFile f : open.values()) {
        if (f.writer != null) {
          f.writer.close();
          f.writer = null;
        }
      }
    } catch (IOException | RuntimeException e) {
      for (OpenFile f : open.values()) {
        if (f.writer != null) {
          try {
            f.writer.close();
          } catch (IOException | RuntimeException ignored) {
            // the write failed already
          }
        }
      }
      for (String rel : written) {
        try {
          fs.delete(FilePaths.join(targetDir, rel), false);
        } catch (IOException ignored) {
          // an unlisted file is ignored by readers of the log
        }
      }
      if (e instanceof SluiceException se) {
        throw se;
      }
      throw new SluiceException(ErrorClass.TASK_WRITE_FAILED, e, targetDir, e.toString());
    }
    List<Written> out = new ArrayList<>();
    for (String rel : written) {
      FileStatus s = fs.stat(FilePaths.join(targetDir, rel));
      out.add(new Written(rel, s == null ? 0 : s.length(), s == null ? 0 : s.modificationTime()));
    }
    return out;
  }

  private void roll(OpenFile f, int task, String job, String targetDir, Map<String, Integer> counters,
      List<String> written) throws IOException {
    if (f.writer != null) {
      f.writer.close();
    }
    int c = counters.merge(f.relativeDir, 1, Integer::sum) - 1;
    String name = String.format(Locale.ROOT, "part-%05d-%s.c%03d%s", task, job, c, format.extension(ctx));
    f.relativePath = f.relativeDir.isEmpty() ? name : f.relativeDir + "/" + name;
    written.add(f.relativePath);
    f.writer = format.createWriter(fs, FilePaths.join(targetDir, f.relativePath), dataSchema, ctx);
    f.records = 0;
  }

  private String partitionDir(ColumnBatch b, int r) {
    if (partitionOrdinals.length == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < partitionOrdinals.length; i++) {
      int c = partitionOrdinals[i];
      if (i > 0) {
        sb.append('/');
      }
      StructField f = schema.field(c);
      sb.append(Partitions.escape(f.name())).append('=')
          .append(Partitions.folderValue(b.column(c).get(r), f.dataType()));
    }
    return sb.toString();
  }
}
