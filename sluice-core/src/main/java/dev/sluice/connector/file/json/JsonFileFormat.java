package dev.sluice.connector.file.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.sluice.connector.SourceFilter;
import dev.sluice.connector.file.Compression;
import dev.sluice.connector.file.CorruptFiles;
import dev.sluice.connector.file.FileFormat;
import dev.sluice.connector.file.FillingBatchIterator;
import dev.sluice.connector.file.FormatContext;
import dev.sluice.connector.file.LineReader;
import dev.sluice.connector.file.MalformedRecords;
import dev.sluice.connector.file.RowBatcher;
import dev.sluice.formats.BadRecordException;
import dev.sluice.formats.json.JsonOptions;
import dev.sluice.formats.json.JsonRecordParser;
import dev.sluice.formats.json.JsonSchemaInference;
import dev.sluice.formats.json.JsonValues;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON lines ({@code format("json")}): one JSON object per line, or with {@code multiLine} one JSON
 * value per file (an object or an array of objects). See {@link JsonOptions} for the options.
 */
public final class JsonFileFormat implements FileFormat {
  @Override
  public String shortName() {
    return "json";
  }

  @Override
  public StructType inferSchema(FileSystem fs, List<FileStatus> files, FormatContext ctx) throws IOException {
    JsonOptions o = new JsonOptions(ctx.options(), ctx.zone());
    JsonSchemaInference inf = new JsonSchemaInference(o);
    for (FileStatus f : files) {
      try (InputStream in = Compression.wrapInput(fs.open(f.path()), f.path())) {
        if (o.multiLine) {
          byte[] all = in.readAllBytes();
          if (o.charset.equals(StandardCharsets.UTF_8)) {
            inf.add(all, 0, all.length, f.path());
          } else {
            inf.add(new String(all, o.charset), f.path());
          }
          continue;
        }
        LineReader lines = new LineReader(in, o.lineSep, o.charset);
        while (lines.next()) {
          if (lines.length() == 0) {
            continue;
          }
          String where = f.path() + ", line " + lines.lineNumber();
          if (o.charset.equals(StandardCharsets.UTF_8)) {
            inf.add(lines.buffer(), 0, lines.length(), where);
          } else {
            inf.add(lines.text(o.charset), where);
          }
        }
      } catch (IOException | RuntimeException e) {
        CorruptFiles.handle(ctx, f.path(), e);
      }
    }
    return inf.result();
  }

  @Override
  public Iterator<ColumnBatch> read(FileSystem fs, FileStatus file, StructType dataSchema, StructType required,
      List<SourceFilter> filters, FormatContext ctx) throws IOException {
    JsonOptions o = new JsonOptions(ctx.options(), ctx.zone());
    int corrupt = required.indexOf(o.corruptColumn);
    JsonRecordParser parser = new JsonRecordParser(required, o, corrupt);
    MalformedRecords bad = new MalformedRecords(o.mode, corrupt, required.size(), file.path());
    InputStream in = Compression.wrapInput(fs.open(file.path()), file.path());
    if (o.multiLine) {
      byte[] all;
      try (in) {
        all = in.readAllBytes();
      }
      RowBatcher out = new RowBatcher(required, ctx.batchSize());
      List<Object[]> rows;
      try (JsonParser p = o.charset.equals(StandardCharsets.UTF_8) ? o.factory.createParser(all)
          : o.factory.createParser(new String(all, o.charset))) {
        rows = parser.parseAll(p);
      } catch (BadRecordException e) {
        Object[] r = bad.handle(e, new String(all, o.charset), 0);
        rows = r == null ? List.of() : List.<Object[]>of(r);
      }
      List<ColumnBatch> batches = new ArrayList<>();
      for (Object[] r : rows) {
        out.add(r);
        if (out.isFull()) {
          batches.add(out.flush());
        }
      }
      if (out.size() > 0) {
        batches.add(out.flush());
      }
      return batches.iterator();
    }
    LineReader lines = new LineReader(in, o.lineSep, o.charset);
    boolean utf8 = o.charset.equals(StandardCharsets.UTF_8);
    return new FillingBatchIterator() {
      private final RowBatcher out = new RowBatcher(required, ctx.batchSize());

      @Override
      protected ColumnBatch fill() {
        try {
          while (!out.isFull() && lines.next()) {
            List<Object[]> rows;
            try {
              rows = utf8 ? parser.parse(lines.buffer(), 0, lines.length()) : parser.parse(lines.text(o.charset));
            } catch (BadRecordException e) {
              Object[] r = bad.handle(e, lines.text(o.charset), lines.lineNumber());
              rows = r == null ? List.of() : List.<Object[]>of(r);
            }
            for (Object[] r : rows) {
              out.add(r);
            }
          }
          if (out.size() == 0) {
            lines.close();
            return null;
          }
          return out.flush();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
          closeQuietly();
          throw e;
        }
      }

      private void closeQuietly() {
        try {
          lines.close();
        } catch (IOException ignored) {
          // the failure being thrown matters more
        }
      }

      @Override
      public void close() {
        finish();
        closeQuietly();
      }
    };
  }

  @Override
  public String extension(FormatContext ctx) {
    return ".json" + Compression.extension(Compression.codec(ctx.options()));
  }

  @Override
  public OutputWriter createWriter(FileSystem fs, String path, StructType schema, FormatContext ctx)
      throws IOException {
    JsonOptions o = new JsonOptions(ctx.options(), ctx.zone());
    JsonValues values = new JsonValues(o);
    OutputStream raw = new BufferedOutputStream(
        Compression.wrapOutput(fs.create(path, false), Compression.codec(ctx.options())), 1 << 16);
    JsonGenerator g = o.factory.createGenerator(new java.io.OutputStreamWriter(raw, o.charset));
    g.setRootValueSeparator(null);
    String sep = o.lineSep == null ? "\n" : o.lineSep;
    Object[] row = new Object[schema.size()];
    return new OutputWriter() {
      @Override
      public void write(ColumnBatch batch, int r) throws IOException {
        for (int c = 0; c < row.length; c++) {
          ColumnVector v = batch.column(c);
          row[c] = v.get(r);
        }
        values.writeStruct(g, row, schema);
        g.writeRaw(sep);
      }

      @Override
      public void close() throws IOException {
        g.close();
      }
    };
  }
}
