package dev.sluice.connector.file;

import dev.sluice.connector.SourceFilter;
import dev.sluice.formats.ParseMode;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * A file format (json, csv, text, parquet) for the generic file source and sink
 * ({@link FileFormatProvider}): how to infer a schema from files, read one file into column batches
 * and write rows into a new file. Implementations are stateless and thread-safe; readers and
 * writers they create are used by one thread.
 */
public interface FileFormat {
  /** The name of the format ({@code format("json")}, {@code USING json}). */
  String shortName();

  /** The schema of every file when the format has a fixed one (text: one {@code value} string), else null. */
  default StructType fixedSchema(FormatContext ctx) {
    return null;
  }

  /** The data schema of these files (without partition columns), or null when it cannot be inferred. */
  StructType inferSchema(FileSystem fs, List<FileStatus> files, FormatContext ctx) throws IOException;

  /**
   * Reads one file. {@code dataSchema} is the schema of the data in the files; the batches returned
   * hold exactly the columns of {@code requiredSchema} (a subset of it, plus the corrupt-record
   * column where the format has one), in that order. {@code filters} are hints the format may use to
   * skip data. Malformed records follow the {@code mode} option ({@link ParseMode}).
   */
  Iterator<ColumnBatch> read(FileSystem fs, FileStatus file, StructType dataSchema, StructType requiredSchema,
      List<SourceFilter> filters, FormatContext ctx) throws IOException;

  /** Refuses a schema the format cannot write, with a message naming the column. */
  default void checkWriteSchema(StructType schema) {}

  /** The extension of written files, with the compression part, e.g. {@code .json.gz}, {@code .snappy.parquet}. */
  String extension(FormatContext ctx);

  /** A writer of a new file at {@code path} holding rows of {@code schema}. */
  OutputWriter createWriter(FileSystem fs, String path, StructType schema, FormatContext ctx) throws IOException;

  /** Writes rows to one file. */
  interface OutputWriter extends Closeable {
    /** Writes row {@code row} of {@code batch} (whose columns follow the writer's schema). */
    void write(ColumnBatch batch, int row) throws IOException;
  }
}
