package dev.sluice.connector.file;

import dev.sluice.conf.Options;
import dev.sluice.conf.SluiceConf;
import dev.sluice.connector.InputPartition;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceFilter;
import dev.sluice.connector.SourceProvider;
import dev.sluice.connector.SupportsPushDown;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.fs.FileSystems;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source and sink of a {@link FileFormat}: batch reads of a folder (or one file), streams of the
 * files arriving in a folder ({@link FileStreamSource}), streaming writes with exactly-once commits
 * ({@link FileStreamSink}) and batch writes with a save mode. Paths may be local or, with the
 * {@code sluice-hadoop} module, {@code hdfs://} and {@code s3a://} URIs.
 *
 * <p>A stream needs a schema ({@code schema(...)} or the column list of {@code CREATE TABLE}) unless
 * {@code sluice.sql.streaming.schemaInference} is true, as in Spark; the text format has a fixed one.
 */
public class FileFormatProvider implements SourceProvider, SinkProvider, SupportsPushDown {
  private static final Logger LOG = LoggerFactory.getLogger(FileFormatProvider.class);

  private final FileFormat format;
  /** The table each relation resolved, by the identity of its options, so a schema is inferred once. */
  private final Map<Options, FileTable> resolved = Collections.synchronizedMap(new WeakHashMap<>());

  protected FileFormatProvider(FileFormat format) {
    this.format = format;
  }

  public FileFormat format() {
    return format;
  }

  /**
   * The options of the file formats (json, csv, text, parquet), of file streams and of file sinks, with
   * Spark's names. One list for every format: an option of another format is ignored, but a typo is
   * warned about.
   */
  private static final java.util.Set<String> OPTIONS = java.util.Set.of(
      // reading files
      "path", "pathGlobFilter", "recursiveFileLookup", "ignoreMissingFiles", "ignoreCorruptFiles", "mode",
      "columnNameOfCorruptRecord", "multiLine", "encoding", "charset", "lineSep", "dateFormat", "timestampFormat",
      "compression", "codec", "wholetext",
      // json
      "primitivesAsString", "prefersDecimal", "allowComments", "allowUnquotedFieldNames", "allowSingleQuotes",
      "allowNumericLeadingZeros", "allowNonNumericNumbers", "allowBackslashEscapingAnyCharacter",
      "allowUnquotedControlChars", "dropFieldIfAllNull", "ignoreNullFields", "maxNestingDepth",
      // csv
      "header", "sep", "delimiter", "quote", "escape", "comment", "nullValue", "emptyValue", "nanValue",
      "positiveInf", "negativeInf", "inferSchema", "prefersDate", "preferDate", "ignoreLeadingWhiteSpace",
      "ignoreTrailingWhiteSpace", "quoteAll", "escapeQuotes",
      // file streams
      "maxFilesPerTrigger", "maxBytesPerTrigger", "latestFirst", "maxFileAge", "fileNameOnly", "cleanSource",
      "sourceArchiveDir",
      // writing files
      "saveMode", "partitionBy", "maxRecordsPerFile");

  @Override
  public java.util.Set<String> optionNames() {
    return OPTIONS;
  }

  @Override
  public String shortName() {
    return format.shortName();
  }

  private FileTable table(SourceContext ctx, boolean streaming) {
    FileTable t = resolved.get(ctx.options());
    if (t == null) {
      boolean mayInfer = !streaming || "true".equalsIgnoreCase(
          ctx.sessionConf().getOrDefault(SluiceConf.SCHEMA_INFERENCE.key(), "false"));
      t = new FileTable(format, ctx.options(), ctx.sessionConf()).resolve(ctx.userSchema(), mayInfer,
          "a stream of files needs a schema, as in Spark: pass schema(...) (or declare the columns in CREATE TABLE), "
              + "or set " + SluiceConf.SCHEMA_INFERENCE.key() + "=true to infer it from the files present at start");
      resolved.put(ctx.options(), t);
    }
    return t;
  }

  @Override
  public StructType schema(SourceContext ctx) {
    return table(ctx, false).fullSchema();
  }

  @Override
  public StructType streamSchema(SourceContext ctx) {
    return table(ctx, true).fullSchema();
  }

  @Override
  public Source createSource(SourceContext ctx) {
    FileTable t = table(ctx, true);
    String meta = ctx.metadataPath();
    // The source log lives in the checkpoint, which may be on another file system than the files.
    return new FileStreamSource(t, meta == null ? null : FileSystems.get(meta, ctx.sessionConf()), meta);
  }

  @Override
  public List<InputPartition> planBatch(SourceContext ctx) {
    FileTable t = table(ctx, false);
    return planBatch(ctx, t.fullSchema(), List.of());
  }

  @Override
  public List<InputPartition> planBatch(SourceContext ctx, StructType requiredSchema, List<SourceFilter> filters) {
    FileTable t = table(ctx, false);
    try {
      return t.plan(PartitionPruning.prune(t, t.listAll(), filters), requiredSchema, filters);
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.FAILED_READ_FILE, e, t.root(), "the folder cannot be listed: " + e);
    }
  }

  // ------------------------------------------------------------------ sinks

  private FileWriteJob writeJob(FileTable t, StructType schema) {
    return new FileWriteJob(t.fs(), format, t.formatContext(), schema);
  }

  @Override
  public Sink createSink(SinkContext ctx) {
    if (!"append".equalsIgnoreCase(ctx.outputMode())) {
      throw new SluiceException(ErrorClass.STREAMING_OUTPUT_MODE_UNSUPPORTED, ctx.outputMode(),
          "the " + shortName() + " file sink", "File sinks write each batch as new files, so they support only append "
              + "mode, as in Spark: use outputMode(\"append\") (an aggregation needs a watermark for it), or write the "
              + "result with foreachBatch");
    }
    FileTable t = new FileTable(format, ctx.options(), ctx.sessionConf());
    return new FileStreamSink(t, writeJob(t, ctx.schema()));
  }

  @Override
  public void writeBatch(SinkContext ctx, SinkBatch data) {
    FileTable t = new FileTable(format, ctx.options(), ctx.sessionConf());
    FileWriteJob job = writeJob(t, ctx.schema());
    String mode = ctx.options().get("saveMode", "errorifexists").toLowerCase(Locale.ROOT);
    FileSystem fs = t.fs();
    String root = FilePaths.stripSlash(t.root());
    try {
      FileStatus existing = fs.stat(root);
      switch (mode) {
        case "errorifexists", "error", "default" -> {
          if (existing != null) {
            throw new SluiceException(ErrorClass.PATH_ALREADY_EXISTS, root);
          }
        }
        case "ignore" -> {
          if (existing != null) {
            return;
          }
        }
        case "overwrite" -> {
          if (existing != null) {
            fs.delete(root, true);
          }
        }
        case "append" -> {
          if (existing != null && FileSinkLog.exists(fs, root)) {
            LOG.warn("Appending files to {} with a batch write: the folder has a streaming sink log ({}), so readers "
                + "that follow the log will not see these files", root, FileSinkLog.DIR);
          }
        }
        default -> throw new SluiceException(ErrorClass.INVALID_OPTION, "mode", mode,
            "use append, overwrite, ignore or errorifexists");
      }
      // Write into a hidden folder, then move each file into place and mark the job done.
      String tmp = FilePaths.join(root, "_temporary/" + java.util.UUID.randomUUID());
      List<FileWriteJob.Written> written = job.write(data, tmp, true);
      for (FileWriteJob.Written w : written) {
        String to = FilePaths.join(root, w.relativePath());
        if (!fs.rename(FilePaths.join(tmp, w.relativePath()), to)) {
          throw new SluiceException(ErrorClass.TASK_WRITE_FAILED, root, "cannot move " + w.relativePath()
              + " into place");
        }
      }
      fs.delete(tmp, true);
      FileStatus tmpParent = fs.stat(FilePaths.join(root, "_temporary"));
      if (tmpParent != null && fs.list(tmpParent.path()).isEmpty()) {
        fs.delete(tmpParent.path(), true);
      }
      try (var out = fs.create(FilePaths.join(root, "_SUCCESS"), true)) {
        out.flush();
      }
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.TASK_WRITE_FAILED, e, root, e.toString());
    }
  }
}
