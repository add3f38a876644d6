package dev.sluice.connector.file.text;

import dev.sluice.connector.SourceFilter;
import dev.sluice.connector.file.Compression;
import dev.sluice.connector.file.FileFormat;
import dev.sluice.connector.file.FillingBatchIterator;
import dev.sluice.connector.file.FormatContext;
import dev.sluice.connector.file.LineReader;
import dev.sluice.connector.file.RowBatcher;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;

/**
 * Plain text ({@code format("text")}): one row per line in a single {@code value} string column
 * ({@code wholetext}: one row per file; {@code lineSep}: a custom line separator). Writing needs
 * exactly one string column; a null value writes an empty line.
 */
public final class TextFileFormat implements FileFormat {
  public static final StructType SCHEMA = new StructType().add("value", DataTypes.StringType, true);

  @Override
  public String shortName() {
    return "text";
  }

  @Override
  public StructType fixedSchema(FormatContext ctx) {
    return SCHEMA;
  }

  @Override
  public StructType inferSchema(FileSystem fs, List<FileStatus> files, FormatContext ctx) {
    return SCHEMA;
  }

  private static Charset charset(FormatContext ctx) {
    return Charset.forName(ctx.options().get("encoding", "UTF-8"));
  }

  @Override
  public Iterator<ColumnBatch> read(FileSystem fs, FileStatus file, StructType dataSchema, StructType required,
      List<SourceFilter> filters, FormatContext ctx) throws IOException {
    Charset cs = charset(ctx);
    InputStream in = Compression.wrapInput(fs.open(file.path()), file.path());
    boolean keep = required.size() > 0;
    if (ctx.options().getBoolean("wholetext", false)) {
      String all;
      try (in) {
        all = new String(in.readAllBytes(), cs);
      }
      RowBatcher b = new RowBatcher(required, 1);
      b.add(keep ? new Object[] {all} : new Object[0]);
      return List.of(b.flush()).iterator();
    }
    LineReader lines = new LineReader(in, ctx.options().get("lineSep"), cs);
    return new FillingBatchIterator() {
      private final RowBatcher out = new RowBatcher(required, ctx.batchSize());

      @Override
      protected ColumnBatch fill() {
        try {
          while (!out.isFull() && lines.next()) {
            if (keep) {
              out.builder(0).append(lines.text(cs));
            }
            out.rowAdded();
          }
          if (out.size() == 0) {
            lines.close();
            return null;
          }
          return out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() {
        finish();
        try {
          lines.close();
        } catch (IOException ignored) {
          // nothing more is read from it
        }
      }
    };
  }

  @Override
  public void checkWriteSchema(StructType schema) {
    if (schema.size() != 1 || schema.field(0).dataType() != DataTypes.StringType) {
      throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "the text data source supports only a single "
          + "STRING column, and the data has " + schema.toDDL() + "; select one string column (e.g. with "
          + "to_json(struct(*)) or concat_ws) or use the json or csv format");
    }
  }

  @Override
  public String extension(FormatContext ctx) {
    return ".txt" + Compression.extension(Compression.codec(ctx.options()));
  }

  @Override
  public OutputWriter createWriter(FileSystem fs, String path, StructType schema, FormatContext ctx)
      throws IOException {
    checkWriteSchema(schema);
    Charset cs = charset(ctx);
    byte[] sep = ctx.options().get("lineSep", "\n").getBytes(cs);
    OutputStream out = new BufferedOutputStream(
        Compression.wrapOutput(fs.create(path, false), Compression.codec(ctx.options())), 1 << 16);
    return new OutputWriter() {
      @Override
      public void write(ColumnBatch batch, int row) throws IOException {
        Object v = batch.column(0).get(row);
        if (v != null) {
          out.write(((String) v).getBytes(cs));
        }
        out.write(sep);
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
